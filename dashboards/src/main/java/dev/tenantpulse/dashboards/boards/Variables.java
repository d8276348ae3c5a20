package dev.tenantpulse.dashboards.boards;

import static dev.tenantpulse.dashboards.provisioning.ProvisionedDatasources.CLICKHOUSE;

import dev.tenantpulse.dashboards.model.CustomVariable;
import dev.tenantpulse.dashboards.model.ExpectedColumn;
import dev.tenantpulse.dashboards.model.QueryVariable;
import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * The boards' template variables, built from the plan catalog: the plan list is the catalog's, the
 * feature list is the catalog's plus any feature tenants used that the catalog does not know yet.
 *
 * <p>Queries reference them as {@code ${plan:singlequote}} (each selected plan quoted, comma
 * separated: {@code plan IN (${plan:singlequote})}) and {@code ${feature:sqlstring}} (one quoted
 * value), so a value is always a SQL string literal.
 */
final class Variables {

  static final String PLAN = "plan";
  static final String FEATURE = "feature";

  /** The feature preselected on the adoption board: the question is about SSO. */
  static final String PREFERRED_FEATURE = "sso";

  private Variables() {}

  /** Catalog plans in rank order; All by default. */
  static CustomVariable plan(PlanCatalog catalog) {
    return new CustomVariable(
        PLAN,
        "Plan",
        "Plans of the catalog (tenancy-model), cheapest first",
        planOptions(catalog, false),
        true);
  }

  /**
   * Catalog plans and {@code unknown}, the plan the metrics give tenants without a signup or plan
   * change (active tenant and usage rows carry it).
   */
  static CustomVariable planOrUnknown(PlanCatalog catalog) {
    return new CustomVariable(
        PLAN,
        "Plan",
        "Plans of the catalog (tenancy-model), cheapest first, and unknown (no signup seen)",
        planOptions(catalog, true),
        true);
  }

  private static List<CustomVariable.Option> planOptions(PlanCatalog catalog, boolean unknown) {
    List<CustomVariable.Option> options = new ArrayList<>();
    for (Plan plan : catalog.plans()) {
      options.add(new CustomVariable.Option(plan.displayName(), plan.id()));
    }
    if (unknown) {
      options.add(new CustomVariable.Option(PlanCatalog.UNKNOWN_PLAN, PlanCatalog.UNKNOWN_PLAN));
    }
    return options;
  }

  /** Plan ids the plan variable offers, in its order. */
  static List<String> planIds(PlanCatalog catalog, boolean unknown) {
    List<String> ids = new ArrayList<>(catalog.planIds());
    if (unknown) {
      ids.add(PlanCatalog.UNKNOWN_PLAN);
    }
    return ids;
  }

  /**
   * One feature: the catalog's, in catalog order, then features seen in the adoption rows of the
   * time range that the catalog does not list.
   */
  static QueryVariable feature(PlanCatalog catalog) {
    List<String> features = catalog.featureIds();
    String sql =
        """
        SELECT feature FROM (
            SELECT arrayJoin(%s) AS feature, 0 AS seen_only
            UNION DISTINCT
            SELECT DISTINCT feature, 1 AS seen_only
            FROM tenant_pulse.feature_adoption_daily
            WHERE $__dateFilter(day) AND in_catalog = 0
        )
        ORDER BY seen_only, indexOf(%s, feature), feature"""
            .formatted(CatalogSql.array(features), CatalogSql.array(features));
    String preselected =
        catalog.isKnownFeature(PREFERRED_FEATURE) ? PREFERRED_FEATURE : features.get(0);
    return new QueryVariable(
        FEATURE,
        "Feature",
        "Catalog features, then features tenants used that the catalog does not list",
        CLICKHOUSE,
        sql,
        preselected,
        List.of(ExpectedColumn.text("feature")));
  }
}
