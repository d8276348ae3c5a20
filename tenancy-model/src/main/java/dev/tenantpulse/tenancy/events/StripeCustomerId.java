package dev.tenantpulse.tenancy.events;

import java.util.regex.Pattern;

/**
 * The form of a Stripe customer id: {@code cus_} then letters and digits, as Stripe issues them.
 * Checked at the door so that a typo (a product id, a live-mode secret pasted by mistake) is
 * refused with the event instead of failing every export of the tenant later.
 */
public final class StripeCustomerId {

  /** The regular expression, as shown in error messages. */
  public static final String REGEX = "cus_[A-Za-z0-9]{1,64}";

  private static final Pattern PATTERN = Pattern.compile(REGEX);

  private StripeCustomerId() {}

  /** Whether {@code value} has the form of a Stripe customer id (null does not). */
  public static boolean matches(String value) {
    return value != null && PATTERN.matcher(value).matches();
  }
}
