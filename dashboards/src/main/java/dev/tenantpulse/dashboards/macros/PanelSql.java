package dev.tenantpulse.dashboards.macros;

/**
 * A panel's stored SQL turned into what ClickHouse runs: Grafana interpolates template variables
 * (browser), then the ClickHouse plugin expands its macros (backend).
 */
public final class PanelSql {

  private PanelSql() {}

  public static String expand(String rawSql, QueryContext context) {
    return ClickHouseMacros.expand(
        TemplateVariables.interpolate(rawSql, context.variables()), context);
  }
}
