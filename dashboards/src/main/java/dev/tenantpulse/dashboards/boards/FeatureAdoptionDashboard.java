package dev.tenantpulse.dashboards.boards;

import static dev.tenantpulse.dashboards.model.ExpectedColumn.number;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.text;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.time;

import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.ExpectedColumn;
import dev.tenantpulse.dashboards.model.FieldConfig;
import dev.tenantpulse.dashboards.model.FieldOverride;
import dev.tenantpulse.dashboards.model.Json;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.QueryType;
import dev.tenantpulse.dashboards.model.Thresholds;
import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * Product managers: which plans adopt which features. The matrix of the newest day, the trend of
 * one feature per plan, and "what share of a plan's tenants use the feature" (SSO by default).
 * Adoption is over the 30 days ending with each day; churned tenants are not counted.
 */
public final class FeatureAdoptionDashboard {

  public static final String UID = "tenant-pulse-feature-adoption";

  /** The newest closed day inside the range: every snapshot panel reads that day. */
  private static final String NEWEST_DAY =
      "(SELECT max(day) FROM tenant_pulse.feature_adoption_daily WHERE $__dateFilter(day))";

  private FeatureAdoptionDashboard() {}

  public static Dashboard build(PlanCatalog catalog) {
    List<String> plans = catalog.planIds();
    return Dashboard.builder(UID, "Tenant Pulse · Feature adoption")
        .description(
            "Share of each plan's tenants that used a feature in the 30 days ending with each day.")
        .tags(BoardDefaults.tags("product"), BoardDefaults.TAG)
        .time("now-90d", BoardDefaults.REFRESH)
        .variable(Variables.plan(catalog))
        .variable(Variables.feature(catalog))
        .panel(matrix(catalog), 24, 11)
        .panel(
            Panels.named(
                ratio(
                    Panels.timeSeries(
                        "Adoption of ${feature} per plan",
                        "Daily, over the 30 days ending with the day.",
                        """
                        SELECT toDateTime(day, 'UTC') AS time, plan, adoption_ratio
                        FROM tenant_pulse.feature_adoption_daily FINAL
                        WHERE $__dateFilter(day) AND feature = ${feature:sqlstring}
                            AND plan IN (${plan:singlequote})
                        ORDER BY time, %s"""
                            .formatted(CatalogSql.orderBy("plan", plans)),
                        time("time"),
                        text("plan"),
                        number("adoption_ratio"))),
                "plan"),
            14,
            9)
        .panel(
            Panels.named(
                ratio(
                    Panels.stat(
                        "Tenants using ${feature}, by plan",
                        "Newest day of the range, e.g. the share of Professional tenants using"
                            + " SSO; the sparkline is the trend over the range.",
                        QueryType.TIME_SERIES,
                        """
                        SELECT toDateTime(day, 'UTC') AS time, plan, adoption_ratio
                        FROM tenant_pulse.feature_adoption_daily FINAL
                        WHERE $__dateFilter(day) AND feature = ${feature:sqlstring}
                            AND plan IN (${plan:singlequote})
                        ORDER BY time, %s"""
                            .formatted(CatalogSql.orderBy("plan", plans)),
                        time("time"),
                        text("plan"),
                        number("adoption_ratio"))),
                "plan"),
            10,
            9)
        .panel(
            Panels.table(
                    "${feature}: adopting tenants, newest day",
                    "Tenants of the plan (not churned) and those of them that used the feature.",
                    """
                    SELECT plan, plan_tenants, adopting_tenants, adoption_ratio
                    FROM tenant_pulse.feature_adoption_daily FINAL
                    WHERE day = %s AND feature = ${feature:sqlstring}
                        AND plan IN (${plan:singlequote})
                    ORDER BY %s"""
                        .formatted(NEWEST_DAY, CatalogSql.orderBy("plan", plans)),
                    text("plan"),
                    number("plan_tenants"),
                    number("adopting_tenants"),
                    number("adoption_ratio"))
                .fieldConfig(
                    FieldConfig.empty()
                        .thresholds(Thresholds.of("green"))
                        .override(
                            FieldOverride.byName("adoption_ratio")
                                .with("unit", "percentunit")
                                .with("decimals", Json.number(1)))),
            12,
            7)
        .panel(
            Panels.table(
                "Features used but not in the catalog",
                "Features tenants reported that the plan catalog does not list yet: add them to"
                    + " the catalog (or fix the client sending them).",
                """
                SELECT feature, max(adopting_tenants) AS most_tenants_in_a_plan,
                    min(day) AS first_day, max(day) AS last_day
                FROM tenant_pulse.feature_adoption_daily FINAL
                WHERE $__dateFilter(day) AND in_catalog = 0
                GROUP BY feature
                ORDER BY most_tenants_in_a_plan DESC, feature""",
                text("feature"),
                number("most_tenants_in_a_plan"),
                time("first_day"),
                time("last_day")),
            12,
            7)
        .build();
  }

  /**
   * One row per feature, one column per catalog plan (named after the plan), cells colored by
   * adoption: a heatmap of the newest day. Pivot columns come from the catalog, so a new plan adds
   * a column without editing this query.
   */
  private static Panel.Spec matrix(PlanCatalog catalog) {
    String pivot =
        catalog.plans().stream()
            .map(
                p ->
                    "maxIf(adoption_ratio, plan = %s) AS %s"
                        .formatted(
                            CatalogSql.literal(p.id()), CatalogSql.identifier(p.displayName())))
            .collect(Collectors.joining(",\n    "));
    List<ExpectedColumn> columns = new ArrayList<>(List.of(text("feature"), text("catalog")));
    for (Plan plan : catalog.plans()) {
      columns.add(number(plan.displayName()));
    }
    String sql =
        """
        SELECT feature,
            if(max(in_catalog) = 1, 'catalog', 'not in catalog') AS catalog,
            %s
        FROM tenant_pulse.feature_adoption_daily FINAL
        WHERE day = %s
        GROUP BY feature
        ORDER BY max(in_catalog) DESC, %s, feature"""
            .formatted(pivot, NEWEST_DAY, CatalogSql.orderBy("feature", catalog.featureIds()));
    Panel.Spec spec =
        Panels.table(
            "Adoption per plan and feature, newest day",
            "Share of each plan's tenants that used the feature in the 30 days ending with the"
                + " newest day of the range. Empty: the plan has no tenants.",
            sql,
            columns.toArray(ExpectedColumn[]::new));
    ObjectNode cell = Json.object();
    cell.put("mode", "gradient");
    cell.put("type", "color-background");
    FieldConfig config =
        FieldConfig.empty()
            .unit("percentunit")
            .decimals(0)
            .min(0)
            .max(1)
            .colorMode("continuous-RdYlGr")
            .thresholds(Thresholds.of("green"))
            .custom("cellOptions", cell);
    ObjectNode plain = Json.object();
    plain.put("type", "auto");
    for (String label : List.of("feature", "catalog")) {
      config =
          config.override(
              FieldOverride.byName(label).with("custom.cellOptions", plain).with("unit", "string"));
    }
    return spec.fieldConfig(config);
  }

  private static Panel.Spec ratio(Panel.Spec spec) {
    return spec.fieldConfig(spec.fieldConfig().unit("percentunit").decimals(1).min(0).max(1));
  }
}
