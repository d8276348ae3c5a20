package dev.tenantpulse.alerting.evaluation;

import dev.tenantpulse.alerting.clickhouse.ClickHouseSource;
import dev.tenantpulse.alerting.rules.Labels;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RuleKind;
import dev.tenantpulse.tenancy.catalog.BillingMeter;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jooq.Record;
import org.springframework.stereotype.Component;

/**
 * {@code billing_export_stalled}: the billing export's reconciliation ({@code
 * billing_reconciliation}, written by the exporter) against the usage it should have exported
 * ({@code usage_hourly}). It fires when an hour of a billed meter, ended more than {@code
 * max_lag_hours} ago and not before the export's first hour, is not exported: no row at all (the
 * exporter is not running) or one pending, owed or stopped (Stripe refuses, or keeps failing).
 * Expired hours (past Stripe's 35 days) are reported by the exporter, not alerted on forever.
 */
@Component
public class BillingExportEvaluator implements RuleEvaluator {

  private final ClickHouseSource clickHouse;

  public BillingExportEvaluator(ClickHouseSource clickHouse) {
    this.clickHouse = clickHouse;
  }

  @Override
  public RuleKind kind() {
    return RuleKind.BILLING_EXPORT_STALLED;
  }

  /** The query, as text with its binds (the owner of the SQL is this evaluator). */
  String sql(boolean countNoCustomer) {
    String usage = clickHouse.database() + ".usage_hourly";
    String rec = clickHouse.database() + ".billing_reconciliation";
    return "SELECT count(), toUnixTimestamp(min(u.hour)) FROM "
        + usage
        + " AS u FINAL LEFT JOIN (SELECT tenant_id, meter, hour, status FROM "
        + rec
        + " FINAL) AS r ON u.tenant_id = r.tenant_id AND u.meter = r.meter AND u.hour = r.hour"
        + " WHERE u.hour >= (SELECT min(hour) FROM "
        + rec
        + ") AND u.hour < toDateTime(?, 'UTC') AND has(splitByChar(',', ?), toString(u.meter))"
        + " AND toString(r.status) NOT IN ('exported', 'expired'"
        + (countNoCustomer ? "" : ", 'no_customer'")
        + ")";
  }

  @Override
  public List<Observation> evaluate(Rule rule, Instant now) {
    long exported =
        clickHouse.read(
            ctx ->
                ctx.fetchOne(
                        "SELECT count() FROM " + clickHouse.database() + ".billing_reconciliation")
                    .get(0, Long.class));
    if (exported == 0) {
      return List.of(
          Observation.notMet(
              Labels.NONE, 0.0, "the billing export has not run here (no reconciliation yet)"));
    }
    int maxLag = rule.integer("max_lag_hours");
    String meters =
        PlanCatalog.defaultCatalog().billingMeters().stream()
            .map(BillingMeter::meter)
            .collect(Collectors.joining(","));
    // An hour ends an hour after its start: "ended more than max_lag ago" is start < now - lag -
    // 1h.
    long before = now.minus(Duration.ofHours(maxLag + 1L)).getEpochSecond();
    Record late =
        clickHouse.read(
            ctx -> ctx.resultQuery(sql(rule.flag("count_no_customer")), before, meters).fetchOne());
    long hours = late.get(0, Long.class);
    if (hours == 0) {
      return List.of(
          Observation.notMet(
              Labels.NONE,
              0.0,
              "every hour of billed usage older than " + maxLag + " h is at Stripe"));
    }
    String summary =
        String.format(
            Locale.ROOT,
            "%d hours of billed usage ended more than %d h ago are not at Stripe (oldest %s):"
                + " see /api/billing/status and billing_reconciliation",
            hours,
            maxLag,
            Instant.ofEpochSecond(late.get(1, Long.class)));
    return List.of(Observation.met(Labels.NONE, (double) hours, summary));
  }
}
