package dev.tenantpulse.billing.export;

import dev.tenantpulse.billing.ledger.LedgerWindow;
import dev.tenantpulse.billing.ledger.WindowKey;
import dev.tenantpulse.billing.usage.MeasuredHour;
import dev.tenantpulse.tenancy.catalog.BillingMeter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What each closed hour amounts to at Stripe, in whole units of its meter's {@link BillingMeter}.
 *
 * <p>An hour's target is the whole units of the month's running total through that hour less the
 * whole units through the hour before: the remainder below one unit is carried to the next hour, so
 * a month's targets add up to the month's measured total rounded down once, never once per hour.
 * The running total starts afresh each UTC month (Stripe bills by period) and at {@code from},
 * which is always a month start or the fixed backfill date, so a window's target does not depend on
 * when the exporter runs. Sums in {@link BigDecimal} of the doubles' decimal forms: the carry must
 * not pick up binary rounding.
 */
final class Targets {

  private Targets() {}

  /** {@code hours} ordered by tenant, meter and hour; hours of meters not billed are skipped. */
  static List<LedgerWindow> of(List<MeasuredHour> hours, Map<String, BillingMeter> meters) {
    List<LedgerWindow> windows = new ArrayList<>(hours.size());
    String tenant = null;
    String meter = null;
    int month = -1;
    BigDecimal total = BigDecimal.ZERO;
    long unitsSoFar = 0;
    for (MeasuredHour h : hours) {
      BillingMeter billing = meters.get(h.meter());
      if (billing == null) {
        continue;
      }
      int hourMonth = monthOf(h.hourStart());
      if (!h.tenantId().equals(tenant) || !h.meter().equals(meter) || hourMonth != month) {
        tenant = h.tenantId();
        meter = h.meter();
        month = hourMonth;
        total = BigDecimal.ZERO;
        unitsSoFar = 0;
      }
      total = total.add(new BigDecimal(Double.toString(h.quantity())));
      long units = billing.wholeUnits(total);
      windows.add(
          new LedgerWindow(
              new WindowKey(h.tenantId(), h.meter(), h.hourStart()),
              h.quantity(),
              units - unitsSoFar));
      unitsSoFar = units;
    }
    return windows;
  }

  private static int monthOf(long epochSecond) {
    ZonedDateTime t = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
    return t.getYear() * 12 + t.getMonthValue();
  }
}
