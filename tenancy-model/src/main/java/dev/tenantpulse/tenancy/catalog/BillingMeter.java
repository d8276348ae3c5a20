package dev.tenantpulse.tenancy.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a meter's usage is billed through Stripe Billing Meters: the meter event name configured on
 * the Stripe meter, and the size of one exported unit in the meter's own quantity.
 *
 * <p>Stripe takes whole numbers only. A meter with fractional quantities ({@code storage_gb}) is
 * exported in whole units of {@code unit} (0.001 GB, say): a window sends {@link #wholeUnits} of
 * the running total minus what earlier windows sent, so the remainder below one unit is carried to
 * the next window instead of being rounded away, and the sum sent never drifts from the sum
 * measured by more than one unit.
 *
 * @param meter the catalog meter (as in usage events and {@code usage_*} tables)
 * @param stripeEventName the {@code event_name} of the Stripe meter (1 to 100 characters)
 * @param unit the quantity one exported unit stands for, greater than zero (1 for counts)
 */
public record BillingMeter(String meter, String stripeEventName, BigDecimal unit) {

  /** What Stripe accepts as an event name, kept to characters that need no escaping anywhere. */
  public static final String EVENT_NAME_REGEX = "[A-Za-z0-9_.:-]{1,100}";

  private static final Pattern EVENT_NAME = Pattern.compile(EVENT_NAME_REGEX);

  public BillingMeter {
    CatalogId.require(meter, "meter");
    Objects.requireNonNull(unit, "unit");
    if (stripeEventName == null || !EVENT_NAME.matcher(stripeEventName).matches()) {
      throw new IllegalArgumentException(
          "stripe_event_name of meter "
              + meter
              + " must match "
              + EVENT_NAME_REGEX
              + ", got "
              + stripeEventName);
    }
    if (unit.signum() <= 0) {
      throw new IllegalArgumentException(
          "unit of meter " + meter + " must be greater than 0, got " + unit.toPlainString());
    }
  }

  /** The whole units in {@code quantity} (rounded down; {@code quantity} may be negative). */
  public long wholeUnits(BigDecimal quantity) {
    return quantity.divide(unit, 0, RoundingMode.FLOOR).longValueExact();
  }
}
