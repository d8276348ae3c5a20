package dev.tenantpulse.tenancy.catalog;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * What a plan costs under one billing model: per month for {@link BillingModel#FLAT}, per seat and
 * month for {@link BillingModel#PER_SEAT}, per unit of {@code meter} for {@link
 * BillingModel#USAGE}.
 *
 * <p>Money is a {@link BigDecimal}: prices such as 0.0015 per call must compare and sum exactly.
 * Equality is the record's, so {@code 49} and {@code 49.00} differ; compare amounts with {@link
 * BigDecimal#compareTo}.
 *
 * @param meter the metered unit for usage prices (for example {@code api_calls}); null otherwise
 */
public record Price(BillingModel billingModel, BigDecimal amount, Currency currency, String meter) {

  public Price {
    Objects.requireNonNull(billingModel, "billingModel");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(
          billingModel.wireName() + " price must not be negative, got " + amount.toPlainString());
    }
    if (billingModel == BillingModel.USAGE) {
      if (meter == null) {
        throw new IllegalArgumentException("usage price must name the meter it is charged per");
      }
      CatalogId.require(meter, "meter");
    } else if (meter != null) {
      throw new IllegalArgumentException(
          billingModel.wireName() + " price must not name a meter; only usage prices are per unit");
    }
  }

  /** A fixed monthly price. */
  public static Price flatMonthly(BigDecimal amount, Currency currency) {
    return new Price(BillingModel.FLAT, amount, currency, null);
  }

  /** A monthly price per seat. */
  public static Price perSeatMonthly(BigDecimal amount, Currency currency) {
    return new Price(BillingModel.PER_SEAT, amount, currency, null);
  }

  /** A price per unit of {@code meter}. */
  public static Price perUnit(BigDecimal amount, Currency currency, String meter) {
    return new Price(BillingModel.USAGE, amount, currency, meter);
  }
}
