package dev.tenantpulse.dashboards.boards;

import static dev.tenantpulse.dashboards.model.ExpectedColumn.number;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.text;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.time;

import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.ExpectedColumn;
import dev.tenantpulse.dashboards.model.FieldConfig;
import dev.tenantpulse.dashboards.model.FieldOverride;
import dev.tenantpulse.dashboards.model.Panel;
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
 */
public final class UsageBillingDashboard {

  public static final String UID = "tenant-pulse-usage-billing";

  private UsageBillingDashboard() {}

  public static Dashboard build(PlanCatalog catalog) {
    List<String> plans = Variables.planIds(catalog, true);
    return Dashboard.builder(UID, "Tenant Pulse · Usage and billing")
        .description("Metered usage per meter and plan, top tenants, tenants per billing model.")
        .tags(BoardDefaults.tags("billing"), BoardDefaults.TAG)
        .time("now-30d", BoardDefaults.REFRESH)
        .variable(Variables.planOrUnknown(catalog))
        .panel(usagePerDay(plans), 24, 9)
        .panel(topTenants(catalog), 15, 10)
        .panel(billingModels(), 9, 10)
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
}
