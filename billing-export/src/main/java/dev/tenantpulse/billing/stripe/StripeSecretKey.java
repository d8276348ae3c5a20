package dev.tenantpulse.billing.stripe;

/**
 * The Stripe secret key. It arrives only from the environment ({@code STRIPE_SECRET_KEY}, bound to
 * {@code tenant-pulse.billing.stripe.secret-key}) and leaves this process only in the {@code
 * Authorization} header: {@link #toString()} masks it so no log line or error message can carry it.
 */
public final class StripeSecretKey {

  private final String value;

  private StripeSecretKey(String value) {
    this.value = value;
  }

  /** The key, or an exception naming the variable (never the value) when it is unusable. */
  public static StripeSecretKey of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "the Stripe secret key is not set: export STRIPE_SECRET_KEY (a test-mode key starts with"
              + " sk_test_ or rk_test_)");
    }
    if (value.chars().anyMatch(c -> c <= ' ' || c > '~')) {
      throw new IllegalArgumentException("the Stripe secret key holds characters a key never has");
    }
    return new StripeSecretKey(value);
  }

  /** Whether this is a test-mode key (sk_test_ / rk_test_): nothing is billed. */
  public boolean isTestMode() {
    return value.startsWith("sk_test_") || value.startsWith("rk_test_");
  }

  String bearer() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return isTestMode() ? "StripeSecretKey[test mode, masked]" : "StripeSecretKey[masked]";
  }
}
