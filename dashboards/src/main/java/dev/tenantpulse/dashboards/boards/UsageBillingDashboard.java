package dev.tenantpulse.dashboards.boards;

import static dev.tenantpulse.dashboards.model.ExpectedColumn.number;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.text;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.time;

import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.ExpectedColumn;
import dev.tenantpulse.dashboards.model.FieldConfig;
import dev.tenantpulse.dashboards.model.FieldOverride;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.QueryType;
import dev.tenantpulse.dashboards.model.Thresholds;
import dev.tenantpulse.tenancy.catalog.BillingMeter;
import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Usage and billing: metered usage per meter and plan, the heaviest tenants with what their usage
 * costs under the catalog's usage prices, and how tenants split across billing models.
 *
 * <p>Both usage panels read the rollups the usage job writes beside {@code usage_daily} (V007): a
 * year of {@code usage_daily} is 7.3 M rows for 10,000 tenants, sorted tenant first. Per day and
 * plan, the plan is the tenant's plan at the end of the day ({@code usage_daily_by_plan}); the top
 * tenants table shows the tenant's current plan ({@code tenants}).
 *
 * <p>The billing export's panels read {@code billing_reconciliation} (V009), which only the billing
 * exporter writes: while the export is off, or before its first cycle, they have no rows and say so
 * ({@code noValue}) instead of showing zeros that would read as "all exported".
 */
public final class UsageBillingDashboard {

  public static final String UID = "tenant-pulse-usage-billing";

  private UsageBillingDashboard() {}

  public static Dashboard build(PlanCatalog catalog) {
    List<String> plans = Variables.planIds(catalog, true);
    return Dashboard.builder(UID, "Tenant Pulse · Usage and billing")
        .description(
            "Metered usage per meter and plan, top tenants, tenants per billing model, and the"
                + " billing export's measured vs exported units.")
        .tags(BoardDefaults.tags("billing"), BoardDefaults.TAG)
        .time("now-30d", BoardDefaults.REFRESH)
        .variable(Variables.planOrUnknown(catalog))
        .panel(usagePerDay(plans), 24, 9)
        .panel(topTenants(catalog), 15, 10)
        .panel(billingModels(), 9, 10)
        .panel(unexported(catalog), 6, 9)
        .panel(measuredVsExported(), 18, 9)
        .build();
  }

  /**
   * Usage summed per UTC day, meter and plan, from {@code usage_daily_by_plan}: the plan is the
   * tenant's plan at the end of the day (its latest signup or plan change before the day's end), as
   * the usage job attributes it. A plan the catalog no longer lists counts as unknown; rows with
   * {@code tenants = 0} (a plan a late plan change emptied) are left out. Grouped by numbers (day,
   * meter, plan index), as every usage query here.
   */
  private static Panel.Spec usagePerDay(List<String> plans) {
    String names = CatalogSql.array(plans);
    int unknown = plans.indexOf(PlanCatalog.UNKNOWN_PLAN) + 1;
    String sql =
        """
        SELECT toDateTime(day, 'UTC') AS time, any(m) AS meter, %1$s[p] AS plan,
            sum(quantity) AS total_quantity
        FROM (
            SELECT day, meter AS m, quantity,
                toUInt8(if(indexOf(%1$s, plan) = 0, %2$d, indexOf(%1$s, plan))) AS p
            FROM tenant_pulse.usage_daily_by_plan FINAL
            WHERE $__dateFilter(day) AND tenants > 0
        )
        WHERE has(arrayMap(name -> indexOf(%1$s, name), [${plan:singlequote}]), p)
        GROUP BY day, cityHash64(m), p
        ORDER BY time, meter, p"""
            .formatted(names, unknown);
    return Panels.named(
        Panels.bars(
            "Usage per day by meter and plan",
            "Sum of the usage quantities per UTC day; plan = the tenant's plan at the end of that"
                + " day (its latest signup or plan change before the day's end).",
            sql,
            time("time"),
            text("meter"),
            text("plan"),
            number("total_quantity")),
        "meter",
        "plan");
  }

  /** The first day of the first UTC month wholly inside the range (the range's days, inclusive). */
  private static final String FIRST_WHOLE_MONTH =
      "addMonths(toStartOfMonth(subtractDays(toDate($__fromTime, 'UTC'), 1)), 1)";

  /** The first day of the month after the last UTC month wholly inside the range. */
  private static final String AFTER_LAST_WHOLE_MONTH =
      "toStartOfMonth(addDays(toDate($__toTime, 'UTC'), 1))";

  /**
   * The 20 tenants with the most usage of a meter in the range, and for usage-billed tenants what
   * it costs at their plan's usage price (from the catalog; only the meter the plan prices).
   *
   * <p>The sums are those of {@code usage_daily} over the range's days, read as whole months from
   * {@code usage_monthly} (a month's row is the sum of its {@code usage_daily} rows) and the
   * partial months at either end from {@code usage_daily}: a year is ~12 × tenants × meters monthly
   * rows and at most ~60 days of daily rows instead of 365 days of daily rows.
   */
  private static Panel.Spec topTenants(PlanCatalog catalog) {
    String sql =
        """
        WITH (SELECT (groupArray(tenant_id), groupArray(plan), groupArray(ifNull(billing_model, '')))
                FROM tenant_pulse.tenants FINAL) AS t,
            transform(tenant_id, t.1, t.2, 'unknown') AS plan,
            transform(tenant_id, t.1, t.3, '') AS billing_model
        SELECT tenant_id, plan, billing_model, meter, total_quantity,
            if(billing_model = %s, total_quantity * %s, NULL) AS usage_charge
        FROM (
            -- numeric group keys: hashing the two strings of every row was the slow part
            SELECT any(tid) AS tenant_id, any(m) AS meter, sum(quantity) AS total_quantity
            FROM (
                -- the range's whole UTC months from usage_monthly, its days before and after
                -- them from usage_daily: [first day of the first whole month, first day after
                -- the last whole month), empty when the range holds no whole month
                SELECT tenant_id AS tid, meter AS m, quantity
                FROM tenant_pulse.usage_monthly FINAL
                WHERE month >= %3$s AND month < %4$s
                UNION ALL
                SELECT tenant_id AS tid, meter AS m, quantity
                FROM tenant_pulse.usage_daily FINAL
                WHERE $__dateFilter(day) AND (day < %3$s OR day >= %4$s)
            )
            GROUP BY cityHash64(tid), cityHash64(m)
        )
        WHERE plan IN (${plan:singlequote})
        ORDER BY total_quantity DESC, tenant_id, meter
        LIMIT 20"""
            .formatted(
                CatalogSql.literal(BillingModel.USAGE.wireName()),
                CatalogSql.usagePrice(catalog, "0"),
                FIRST_WHOLE_MONTH,
                AFTER_LAST_WHOLE_MONTH);
    Panel.Spec spec =
        Panels.table(
            "Top tenants by usage",
            "Usage charge = quantity × the plan's usage price ("
                + catalog.currency().getCurrencyCode()
                + "), for tenants billed by usage.",
            sql,
            text("tenant_id"),
            text("plan"),
            text("billing_model"),
            text("meter"),
            number("total_quantity"),
            number("usage_charge"));
    spec.fieldConfig(
        spec.fieldConfig()
            .override(
                FieldOverride.byName("usage_charge")
                    .with("unit", "currency" + catalog.currency().getCurrencyCode())));
    return Panels.linkToTenant(spec, "tenant_id");
  }

  /** Tenants not churned, a slice per billing model of the tenancy model plus "not set". */
  private static Panel.Spec billingModels() {
    String slices =
        Arrays.stream(BillingModel.values())
            .map(
                m ->
                    "countIf(billing_model = %s) AS %s"
                        .formatted(CatalogSql.literal(m.wireName()), m.wireName()))
            .collect(Collectors.joining(",\n    "));
    List<ExpectedColumn> columns = new ArrayList<>();
    for (BillingModel model : BillingModel.values()) {
      columns.add(number(model.wireName()));
    }
    columns.add(number("not_set"));
    return Panels.pie(
            "Tenants per billing model",
            "Tenants of the selected plans that are not churned, by the billing model of their"
                + " latest signup or plan change.",
            """
            SELECT %s,
                countIf(billing_model IS NULL) AS not_set
            FROM tenant_pulse.tenants FINAL
            WHERE plan IN (${plan:singlequote}) AND churned_at IS NULL"""
                .formatted(slices),
            columns.toArray(ExpectedColumn[]::new))
        .fieldConfig(FieldConfig.empty().colorMode("palette-classic"));
  }

  /**
   * Shown by the billing export's panels when {@code billing_reconciliation} has no row for the
   * range and plans: Grafana shows a panel's {@code noValue} for an empty result, the console's
   * pages too.
   */
  static final String EXPORT_OFF =
      "No data: the billing export wrote no rows for this range and plan (it is off, or has not"
          + " run yet)";

  /**
   * The statuses of {@code billing_reconciliation} (V009's column comment, the exporter's {@code
   * Reconciliation}) from settled to the one that most needs a person: owed waits for the next
   * cycle, pending for Stripe's answer; no_customer and stopped need someone to act; expired hours
   * (older than Stripe's 35 days) will never be billed. A status not listed ranks above all.
   */
  private static final List<String> STATUSES =
      List.of("exported", "owed", "pending", "no_customer", "stopped", "expired");

  private static final String STATUS_RANK =
      "if(indexOf(%1$s, status) = 0, %2$d, indexOf(%1$s, status))"
          .formatted(CatalogSql.array(STATUSES), STATUSES.size() + 1);

  /**
   * The tenants' current plans (as on "Top tenants by usage"), looked up by {@code tenant_id}; a
   * tenant without a {@code tenants} row is unknown.
   */
  private static final String CURRENT_PLAN =
      """
      WITH (SELECT (groupArray(tenant_id), groupArray(plan)) FROM tenant_pulse.tenants FINAL) AS t,
          transform(tenant_id, t.1, t.2, 'unknown') AS plan""";

  /**
   * Units measured but not exported in the range, per billed meter of the catalog (a column each:
   * units of different meters do not add up), and the hours not settled. No row, hence {@code
   * noValue}, when the exporter wrote nothing for the range and plans, so "0" always means
   * "measured and exported".
   */
  private static Panel.Spec unexported(PlanCatalog catalog) {
    List<String> perMeter = new ArrayList<>();
    List<ExpectedColumn> columns = new ArrayList<>();
    for (BillingMeter meter : catalog.billingMeters()) {
      String column = meter.meter();
      perMeter.add(
          "sumIf(difference_units, meter = %s) AS %s"
              .formatted(CatalogSql.literal(meter.meter()), CatalogSql.identifier(column)));
      columns.add(number(column));
    }
    columns.add(number("hours_not_exported"));
    String sql =
        """
        %s
        SELECT %s,
            countIf(status != 'exported') AS hours_not_exported
        FROM tenant_pulse.billing_reconciliation FINAL
        WHERE $__timeFilter(hour) AND plan IN (${plan:singlequote})
        HAVING count() > 0"""
            .formatted(CURRENT_PLAN, String.join(",\n    ", perMeter));
    Panel.Spec spec =
        Panels.stat(
            "Measured, not exported (units)",
            "Billing export: per billed meter, measured minus exported units (the Stripe meter's"
                + " units) of the hours starting in the range, for tenants of the selected plans"
                + " (current plan); negative:"
                + " over-billed, a correction is due. Hours not exported: still owed, pending,"
                + " without a Stripe customer, stopped or expired. Empty while the billing export"
                + " is off or has not run.",
            QueryType.TABLE,
            sql,
            columns.toArray(ExpectedColumn[]::new));
    FieldConfig config =
        spec.fieldConfig().noValue(EXPORT_OFF).thresholds(Thresholds.of("green").step(1, "orange"));
    for (BillingMeter meter : catalog.billingMeters()) {
      config =
          config.override(
              // named after its Stripe meter event, which says the unit (storage_gb_thousandths)
              FieldOverride.byName(meter.meter())
                  .with("displayName", meter.stripeEventName() + " owed"));
    }
    return spec.fieldConfig(
        config.override(
            FieldOverride.byName("hours_not_exported").with("displayName", "hours not exported")));
  }

  /**
   * Per tenant and meter, the hours of the range as the exporter last reconciled them: measured and
   * exported units, the difference, the hours not exported, the most urgent status among the hours
   * and the latest error. Tenants with something wrong first (status, then the size of the
   * difference), then the rest, so an empty table means the export has not run, never "all fine".
   */
  private static Panel.Spec measuredVsExported() {
    String sql =
        """
        %s
        SELECT tenant_id, plan, meter, measured_units, exported_units, difference_units,
            hours_not_exported, state, last_error
        FROM (
            -- numeric group keys, as the usage panels: no hashing of tenant ids per row
            SELECT any(tid) AS tenant_id, m AS meter, sum(measured) AS measured_units,
                sum(exported) AS exported_units, sum(difference) AS difference_units,
                countIf(status != 'exported') AS hours_not_exported,
                argMax(status, %s) AS state,
                argMaxIf(error, hour, error IS NOT NULL) AS last_error
            FROM (
                SELECT tenant_id AS tid, meter AS m, hour, status, measured_units AS measured,
                    exported_units AS exported, difference_units AS difference,
                    last_error AS error
                FROM tenant_pulse.billing_reconciliation FINAL
                WHERE $__timeFilter(hour)
            )
            GROUP BY cityHash64(tid), m
        )
        WHERE plan IN (${plan:singlequote})
        ORDER BY indexOf(%s, state) = 0 DESC, indexOf(%s, state) DESC, abs(difference_units) DESC,
            tenant_id, meter
        LIMIT 100"""
            .formatted(
                CURRENT_PLAN, STATUS_RANK, CatalogSql.array(STATUSES), CatalogSql.array(STATUSES));
    Panel.Spec spec =
        Panels.table(
            "Measured vs exported per tenant and meter",
            "Billing export (billing_reconciliation): units measured and accepted by Stripe for"
                + " the hours starting in the range, per tenant of the selected plans (current"
                + " plan) and meter; difference = measured - exported (negative: over-billed)."
                + " State: the most urgent status among the hours (exported, owed, pending,"
                + " no_customer, stopped, expired); last error: of the latest hour that had one."
                + " Problems first, 100 rows at most. Empty while the billing export is off or has"
                + " not run.",
            sql,
            text("tenant_id"),
            text("plan"),
            text("meter"),
            number("measured_units"),
            number("exported_units"),
            number("difference_units"),
            number("hours_not_exported"),
            text("state"),
            text("last_error"));
    spec.fieldConfig(spec.fieldConfig().noValue(EXPORT_OFF));
    return Panels.linkToTenant(spec, "tenant_id");
  }
}
