package dev.tenantpulse.dashboards.boards;

import static dev.tenantpulse.dashboards.model.ExpectedColumn.number;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.text;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.time;

import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.FieldOverride;
import dev.tenantpulse.dashboards.model.Json;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.TextBoxVariable;
import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Customer success: one tenant, typed into a text box or opened from a table that lists tenants.
 * Its current state and plan history, the hours it was active, the features it used against the
 * features of its plan, its onboarding steps, and its usage per meter and day with what that costs
 * at its plan's catalog usage price.
 *
 * <p>Every query filters {@code tenant_id} first, the leading sort key column of {@code events},
 * {@code usage_daily}, {@code tenants} and {@code onboarding_tenants}, so each reads one tenant's
 * granules. Plan here is the tenant's current plan ({@code tenants}), as on the usage board.
 *
 * <p>Its alerts are not here: they live in the alerting service's metadata database, not in
 * ClickHouse.
 */
public final class TenantDashboard {

  public static final String UID = "tenant-pulse-tenant";

  /**
   * The data link that opens this board for the tenant id in a table cell, keeping the time range
   * (Grafana's data-link variables; the console's built-in pages interpret the same link).
   */
  static final String LINK = "/d/" + UID + "?var-tenant=${__value.raw}&${__url_time_range}";

  static final String TENANT = "tenant";

  private static final String THIS_TENANT = "tenant_id = ${tenant:sqlstring}";

  private TenantDashboard() {}

  public static Dashboard build(PlanCatalog catalog) {
    return Dashboard.builder(UID, "Tenant Pulse · Tenant")
        .description(
            "One tenant: type its id, or open it from a table that lists tenants (Top tenants by"
                + " usage, Silent tenants). Its alerts are not in ClickHouse: the console's"
                + " built-in alerts page shows them.")
        .tags(BoardDefaults.tags("customer-success"), BoardDefaults.TAG)
        .time("now-30d", BoardDefaults.REFRESH)
        .variable(
            new TextBoxVariable(
                TENANT,
                "Tenant",
                "A tenant id exactly as the events carry it (tenant_id)",
                // Empty: no tenant is everyone's first choice; the panels show no data until one
                // is typed or a link sets it.
                ""))
        .panel(currentState(), 24, 4)
        .panel(planHistory(), 12, 8)
        .panel(onboardingSteps(catalog), 12, 8)
        .panel(activeHours(), 12, 8)
        .panel(features(catalog), 12, 8)
        .panel(usagePerDay(), 12, 9)
        .panel(usageCharges(catalog), 12, 9)
        .build();
  }

  private static Panel.Spec currentState() {
    return Panels.table(
        "Tenant",
        "Its current state: the plan and billing of its latest signup or plan change, and churn.",
        """
        SELECT tenant_id, plan, billing_model, tenancy_model, seats, signed_up_at,
            plan_changed_at, churned_at
        FROM tenant_pulse.tenants FINAL
        WHERE %s"""
            .formatted(THIS_TENANT),
        text("tenant_id"),
        text("plan"),
        text("billing_model"),
        text("tenancy_model"),
        number("seats"),
        time("signed_up_at"),
        time("plan_changed_at"),
        time("churned_at"));
  }

  /**
   * Every signup, plan change and churn the tenant ever sent, whatever the time range: a plan
   * history is read whole. Only {@code events} holds them; the tenant is its sort key's first
   * column, so this reads one tenant's rows. Late events are included: they happened.
   */
  private static Panel.Spec planHistory() {
    return Panels.table(
        "Plan history",
        "Signups, plan changes and churns, all time (not only the range), oldest first.",
        """
        SELECT event_time, type AS event,
            anyLast(plan) OVER (ORDER BY event_time, event_id
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_plan,
            plan, billing_model, tenancy_model, seats
        FROM tenant_pulse.events FINAL
        WHERE %s AND type IN %s
        ORDER BY event_time, event_id"""
            .formatted(THIS_TENANT, CatalogSql.eventTypes(EventType::isTenantLifecycle)),
        time("event_time"),
        text("event"),
        text("previous_plan"),
        text("plan"),
        text("billing_model"),
        text("tenancy_model"),
        number("seats"));
  }

  /** Hours of the day with at least one activity event (the active-tenant definition's events). */
  private static Panel.Spec activeHours() {
    Panel.Spec spec =
        Panels.bars(
            "Active hours per day",
            "UTC hours of the day with at least one activity event (activity, feature used,"
                + " onboarding step, usage), and distinct users that sent one.",
            """
            SELECT toDateTime(toDate(event_time), 'UTC') AS time,
                uniqExact(toStartOfHour(event_time)) AS active_hours,
                uniqExact(user_id) AS active_users
            FROM tenant_pulse.events FINAL
            WHERE %s AND $__timeFilter(event_time) AND type IN %s
            GROUP BY time
            ORDER BY time"""
                .formatted(THIS_TENANT, CatalogSql.eventTypes(EventType::isActivity)),
            time("time"),
            number("active_hours"),
            number("active_users"));
    return Panels.labels(
        spec.fieldConfig(spec.fieldConfig().min(0)),
        "active_hours",
        "Active hours",
        "active_users",
        "Active users");
  }

  /**
   * One row per feature of its current plan (catalog) and per feature it used in the range: used,
   * in the plan but not used (an adoption gap), or used though its plan lacks it (an entitlement
   * question). Beside each, the share of its plan's tenants that use the feature on the newest
   * adoption day of the range, from {@code feature_adoption_daily}, which holds plans, not tenants.
   */
  private static Panel.Spec features(PlanCatalog catalog) {
    List<String> plans = catalog.planIds();
    String featuresOfPlan =
        catalog.plans().stream()
            .map(Plan::features)
            .map(CatalogSql::array)
            .collect(Collectors.joining(", ", "[", "]"));
    String sql =
        """
        WITH %1$s AS plans, %2$s AS features_of_plan,
            (SELECT if(count() = 0, %3$s, any(plan)) FROM tenant_pulse.tenants FINAL
                WHERE %4$s) AS current_plan,
            features_of_plan[indexOf(plans, current_plan)] AS plan_features
        SELECT feature,
            multiIf(NOT has(plan_features, feature), 'used, not in plan',
                uses > 0, 'used', 'not used') AS status,
            uses, last_used, plan_adoption
        FROM (
            SELECT feature, sum(n) AS uses, max(at) AS last_used
            FROM (
                SELECT toString(assumeNotNull(feature)) AS feature, toUInt64(1) AS n,
                    toNullable(event_time) AS at
                FROM tenant_pulse.events FINAL
                WHERE %4$s AND $__timeFilter(event_time) AND type = %5$s
                UNION ALL
                SELECT arrayJoin(plan_features) AS feature, toUInt64(0) AS n, NULL AS at
            )
            GROUP BY feature
        ) AS used
        LEFT JOIN (
            SELECT toString(feature) AS feature, adoption_ratio AS plan_adoption
            FROM tenant_pulse.feature_adoption_daily FINAL
            WHERE day = (SELECT max(day) FROM tenant_pulse.feature_adoption_daily
                    WHERE $__dateFilter(day))
                AND plan = current_plan
        ) AS adoption USING (feature)
        ORDER BY indexOf(['used', 'not used', 'used, not in plan'], status), %6$s, feature"""
            .formatted(
                CatalogSql.array(plans),
                featuresOfPlan,
                CatalogSql.literal(PlanCatalog.UNKNOWN_PLAN),
                THIS_TENANT,
                CatalogSql.literal(EventType.FEATURE_USED.wireName()),
                CatalogSql.orderBy("feature", catalog.featureIds()));
    Panel.Spec spec =
        Panels.table(
            "Features used vs its plan",
            "The features of its current plan (catalog) and those it used in the range: used, not"
                + " used, or used though the plan lacks them. Plan adoption = share of its plan's"
                + " tenants using the feature, newest day of the range.",
            sql,
            text("feature"),
            text("status"),
            number("uses"),
            time("last_used"),
            number("plan_adoption"));
    return spec.fieldConfig(
        spec.fieldConfig()
            .override(
                FieldOverride.byName("status")
                    .with("mappings", statusColors())
                    .with("custom.cellOptions", colorText()))
            .override(
                FieldOverride.byName("plan_adoption")
                    .with("unit", "percentunit")
                    .with("decimals", Json.number(0))));
  }

  /**
   * Each catalog step in funnel order with when the tenant first reached it and how long after its
   * signup (whole seconds, floored, as the onboarding metric counts; negative when reported before
   * the signup), and which step is next: the first step, in catalog order, not reached yet.
   */
  private static Panel.Spec onboardingSteps(PlanCatalog catalog) {
    String steps = CatalogSql.array(catalog.onboardingSteps());
    Panel.Spec spec =
        Panels.table(
            "Onboarding steps",
            "Catalog steps in order: done (first time reached, time after signup), the next one,"
                + " and those still to do. Tenants without a signup have no onboarding.",
            """
            SELECT step,
                multiIf(mapContains(step_first_at, step), 'done',
                    step = next_step, 'next', 'to do') AS status,
                if(mapContains(step_first_at, step), step_first_at[step], NULL) AS reached_at,
                if(mapContains(step_first_at, step),
                    toInt64(floor((toUnixTimestamp64Milli(step_first_at[step])
                        - toUnixTimestamp64Milli(signed_up_at)) / 1000)),
                    NULL) AS after_signup
            FROM (
                SELECT signed_up_at, step_first_at,
                    arrayFirst(s -> NOT mapContains(step_first_at, s), %1$s) AS next_step
                FROM tenant_pulse.onboarding_tenants FINAL
                WHERE %2$s
            )
            ARRAY JOIN %1$s AS step
            ORDER BY indexOf(%1$s, step)"""
                .formatted(steps, THIS_TENANT),
            text("step"),
            text("status"),
            time("reached_at"),
            number("after_signup"));
    return spec.fieldConfig(
        spec.fieldConfig()
            .override(FieldOverride.byName("after_signup").with("unit", "s"))
            .override(
                FieldOverride.byName("status")
                    .with("mappings", statusColors())
                    .with("custom.cellOptions", colorText())));
  }

  private static Panel.Spec usagePerDay() {
    return Panels.named(
        Panels.bars(
            "Usage per day by meter",
            "Sum of its usage quantities per UTC day and meter.",
            """
            SELECT toDateTime(day, 'UTC') AS time, meter, quantity
            FROM tenant_pulse.usage_daily FINAL
            WHERE %s AND $__dateFilter(day)
            ORDER BY time, meter"""
                .formatted(THIS_TENANT),
            time("time"),
            text("meter"),
            number("quantity")),
        "meter");
  }

  /**
   * Usage rows with the catalog's usage price of the meter under its current plan (empty for a
   * meter the plan does not price) and, when it is billed by usage, the charge: computed as the
   * usage board's top tenants compute it, per day instead of per range.
   */
  private static Panel.Spec usageCharges(PlanCatalog catalog) {
    String currency = "currency" + catalog.currency().getCurrencyCode();
    Panel.Spec spec =
        Panels.table(
            "Usage and charge per day",
            "Quantity per UTC day and meter; unit price = its current plan's catalog usage price"
                + " of the meter ("
                + catalog.currency().getCurrencyCode()
                + "); charge = quantity × unit price when it is billed by usage.",
            """
            WITH (SELECT (if(count() = 0, %1$s, any(plan)), ifNull(any(billing_model), ''))
                    FROM tenant_pulse.tenants FINAL WHERE %2$s) AS current,
                current.1 AS plan, current.2 AS billing_model
            SELECT day, meter, quantity, %3$s AS unit_price,
                if(billing_model = %4$s, quantity * ifNull(unit_price, 0), NULL) AS usage_charge
            FROM tenant_pulse.usage_daily FINAL
            WHERE %2$s AND $__dateFilter(day)
            ORDER BY day DESC, meter"""
                .formatted(
                    CatalogSql.literal(PlanCatalog.UNKNOWN_PLAN),
                    THIS_TENANT,
                    CatalogSql.usagePrice(catalog, "NULL"),
                    CatalogSql.literal(BillingModel.USAGE.wireName())),
            time("day"),
            text("meter"),
            number("quantity"),
            number("unit_price"),
            number("usage_charge"));
    return spec.fieldConfig(
        spec.fieldConfig()
            .override(FieldOverride.byName("unit_price").with("unit", currency))
            .override(FieldOverride.byName("usage_charge").with("unit", currency)));
  }

  /** Green for done/used, blue for next, orange for gaps, purple outside the plan. */
  private static ArrayNode statusColors() {
    ObjectNode options = Json.object();
    String[][] colors = {
      {"done", "green"},
      {"used", "green"},
      {"next", "blue"},
      {"to do", "text"},
      {"not used", "orange"},
      {"used, not in plan", "purple"}
    };
    for (int i = 0; i < colors.length; i++) {
      ObjectNode result = options.putObject(colors[i][0]);
      result.put("color", colors[i][1]);
      result.put("index", i);
    }
    ArrayNode mappings = Json.array();
    ObjectNode mapping = mappings.addObject();
    mapping.set("options", options);
    mapping.put("type", "value");
    return mappings;
  }

  private static ObjectNode colorText() {
    ObjectNode cell = Json.object();
    cell.put("type", "color-text");
    return cell;
  }
}
