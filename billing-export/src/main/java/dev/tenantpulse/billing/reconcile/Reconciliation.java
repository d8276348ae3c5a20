package dev.tenantpulse.billing.reconcile;

import dev.tenantpulse.billing.export.ExportOptions;
import dev.tenantpulse.billing.ledger.Ledger;
import dev.tenantpulse.billing.ledger.WindowBalance;
import dev.tenantpulse.billing.usage.UsageSource;
import dev.tenantpulse.tenancy.catalog.BillingMeter;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Measured against exported, from the ledger, per hour and summed per day or month. */
public final class Reconciliation {

  /** How rows are summed for the operator API. */
  public enum Period {
    HOUR,
    DAY,
    MONTH
  }

  /**
   * A tenant's meter over one period.
   *
   * @param exportedQuantity the exported units in the meter's own quantity (units × unit)
   * @param status the hours' status when they agree, else the first that is not exported
   */
  public record Summary(
      String tenantId,
      String meter,
      Instant periodStart,
      double measuredQuantity,
      long measuredUnits,
      long exportedUnits,
      BigDecimal exportedQuantity,
      long differenceUnits,
      String status,
      String lastError) {}

  private final Ledger ledger;
  private final UsageSource usage;
  private final PlanCatalog catalog;
  private final Clock clock;

  public Reconciliation(Ledger ledger, UsageSource usage, PlanCatalog catalog, Clock clock) {
    this.ledger = ledger;
    this.usage = usage;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** One row per window of the ledger starting in [{@code from}, {@code until}). */
  public List<ReconciliationRow> hourly(Instant from, Instant until) {
    long oldestSendable =
        clock
            .instant()
            .minus(ExportOptions.STRIPE_MAX_AGE)
            .plus(ExportOptions.AGE_MARGIN)
            .getEpochSecond();
    Map<String, String> customers = new HashMap<>(usage.customersAcrossTenants());
    customers.putAll(ledger.customerOverrides());
    Map<String, String> stops = ledger.stops();
    List<ReconciliationRow> rows = new ArrayList<>();
    for (WindowBalance b : ledger.balances(from.getEpochSecond(), until.getEpochSecond())) {
      String tenant = b.key().tenantId();
      String status;
      String error = b.lastError();
      if (b.owedUnits() == 0 && b.pendingUnits() == 0) {
        status = "exported";
      } else if (b.pendingUnits() != 0) {
        status = "pending";
      } else if (b.key().windowStart() < oldestSendable) {
        status = "expired";
      } else if (stops.containsKey(tenant)) {
        status = "stopped";
        error = stops.get(tenant);
      } else if (b.firstCustomer() == null && !customers.containsKey(tenant)) {
        status = "no_customer";
      } else {
        status = "owed";
      }
      rows.add(
          new ReconciliationRow(
              b.key().start(),
              tenant,
              b.key().meter(),
              catalog.billingMeter(b.key().meter()).map(BillingMeter::stripeEventName).orElse(""),
              b.window().measuredQuantity(),
              b.window().targetUnits(),
              b.sentUnits(),
              status,
              error));
    }
    return rows;
  }

  /** The hourly rows of [{@code from}, {@code until}) summed per tenant, meter and period. */
  public List<Summary> summarise(Instant from, Instant until, Period period, String tenantOrNull) {
    Map<List<Object>, Summary> sums = new LinkedHashMap<>();
    for (ReconciliationRow r : hourly(from, until)) {
      if (tenantOrNull != null && !tenantOrNull.equals(r.tenantId())) {
        continue;
      }
      Instant start = periodStart(r.hour(), period);
      List<Object> key = List.of(r.tenantId(), r.meter(), start);
      BigDecimal unit =
          catalog.billingMeter(r.meter()).map(BillingMeter::unit).orElse(BigDecimal.ONE);
      Summary prev = sums.get(key);
      Summary row =
          new Summary(
              r.tenantId(),
              r.meter(),
              start,
              r.measuredQuantity() + (prev == null ? 0 : prev.measuredQuantity()),
              r.measuredUnits() + (prev == null ? 0 : prev.measuredUnits()),
              r.exportedUnits() + (prev == null ? 0 : prev.exportedUnits()),
              unit.multiply(BigDecimal.valueOf(r.exportedUnits()))
                  .add(prev == null ? BigDecimal.ZERO : prev.exportedQuantity()),
              r.differenceUnits() + (prev == null ? 0 : prev.differenceUnits()),
              prev == null || prev.status().equals("exported") ? r.status() : prev.status(),
              r.lastError() != null ? r.lastError() : prev == null ? null : prev.lastError());
      sums.put(key, row);
    }
    return List.copyOf(sums.values());
  }

  private static Instant periodStart(Instant hour, Period period) {
    return switch (period) {
      case HOUR -> hour;
      case DAY -> hour.truncatedTo(ChronoUnit.DAYS);
      case MONTH ->
          hour.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    };
  }
}
