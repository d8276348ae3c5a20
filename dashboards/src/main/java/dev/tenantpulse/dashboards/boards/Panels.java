package dev.tenantpulse.dashboards.boards;

import static dev.tenantpulse.dashboards.provisioning.ProvisionedDatasources.CLICKHOUSE;
import static dev.tenantpulse.dashboards.provisioning.ProvisionedDatasources.PROMETHEUS;

import dev.tenantpulse.dashboards.model.ExpectedColumn;
import dev.tenantpulse.dashboards.model.FieldConfig;
import dev.tenantpulse.dashboards.model.FieldOverride;
import dev.tenantpulse.dashboards.model.Json;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.PromTarget;
import dev.tenantpulse.dashboards.model.QueryType;
import dev.tenantpulse.dashboards.model.SqlTarget;
import dev.tenantpulse.dashboards.model.Thresholds;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Panels with the boards' shared look: one place for legend, tooltip, line style and stat layout,
 * so every board reads alike. Each factory returns a {@link Panel.Spec} to refine.
 */
final class Panels {

  /** Red from the alert threshold up; the base is transparent so only the line shows. */
  static Thresholds dropThresholds() {
    return Thresholds.of("transparent").step(AlertDefaults.DROP_RATIO, "red");
  }

  private Panels() {}

  // ClickHouse

  static Panel.Spec timeSeries(
      String title, String description, String sql, ExpectedColumn... columns) {
    Panel.Spec spec = Panel.spec("timeseries", title).description(description);
    spec.target(sql(spec, QueryType.TIME_SERIES, sql, columns));
    return spec.fieldConfig(lineStyle()).options(timeSeriesOptions());
  }

  /** Bars per time bucket (cohort weeks), same data shape as {@link #timeSeries}. */
  static Panel.Spec bars(String title, String description, String sql, ExpectedColumn... columns) {
    Panel.Spec spec = timeSeries(title, description, sql, columns);
    return spec.fieldConfig(
        spec.fieldConfig().custom("drawStyle", "bars").custom("fillOpacity", 80));
  }

  static Panel.Spec stat(
      String title, String description, QueryType type, String sql, ExpectedColumn... columns) {
    Panel.Spec spec = Panel.spec("stat", title).description(description);
    spec.target(sql(spec, type, sql, columns));
    return spec.fieldConfig(FieldConfig.empty().colorMode("thresholds").thresholds(neutral()))
        .options(statOptions(type == QueryType.TIME_SERIES ? "area" : "none"));
  }

  static Panel.Spec table(String title, String description, String sql, ExpectedColumn... columns) {
    Panel.Spec spec = Panel.spec("table", title).description(description);
    spec.target(sql(spec, QueryType.TABLE, sql, columns));
    ObjectNode options = Json.object();
    options.put("cellHeight", "sm");
    options.put("showHeader", true);
    return spec.fieldConfig(FieldConfig.empty().thresholds(neutral())).options(options);
  }

  /** Horizontal bars, one per row, labelled by the string column {@code xField}. */
  static Panel.Spec barChart(
      String title, String description, String xField, String sql, ExpectedColumn... columns) {
    Panel.Spec spec = Panel.spec("barchart", title).description(description);
    spec.target(sql(spec, QueryType.TABLE, sql, columns));
    ObjectNode options = Json.object();
    options.set("legend", legend(false));
    options.put("orientation", "horizontal");
    options.put("showValue", "always");
    options.set("tooltip", tooltip());
    options.put("xField", xField);
    return spec.fieldConfig(FieldConfig.empty().custom("fillOpacity", 80)).options(options);
  }

  /** A slice per numeric column of a one-row result. */
  static Panel.Spec pie(String title, String description, String sql, ExpectedColumn... columns) {
    Panel.Spec spec = Panel.spec("piechart", title).description(description);
    spec.target(sql(spec, QueryType.TABLE, sql, columns));
    ObjectNode options = Json.object();
    ObjectNode legend = legend(true);
    legend.put("displayMode", "table");
    legend.put("placement", "right");
    legend.set("values", Json.strings(List.of("value", "percent")));
    options.set("legend", legend);
    options.put("pieType", "donut");
    options.set("reduceOptions", reduce("lastNotNull"));
    options.set("tooltip", tooltip());
    return spec.fieldConfig(FieldConfig.empty().colorMode("palette-classic")).options(options);
  }

  /**
   * Names each series of a long result after its label columns' values ({@code starter}, {@code
   * professional}…) instead of "value_column label=…".
   */
  static Panel.Spec named(Panel.Spec spec, String... labels) {
    String name =
        Arrays.stream(labels)
            .map(label -> "${__field.labels." + label + "}")
            .collect(Collectors.joining(" · "));
    return spec.fieldConfig(spec.fieldConfig().displayName(name));
  }

  /** Shows result fields under readable names in legends and tooltips. */
  static Panel.Spec labels(Panel.Spec spec, String... columnAndName) {
    FieldConfig config = spec.fieldConfig();
    for (int i = 0; i + 1 < columnAndName.length; i += 2) {
      config =
          config.override(
              FieldOverride.byName(columnAndName[i]).with("displayName", columnAndName[i + 1]));
    }
    return spec.fieldConfig(config);
  }

  /**
   * Makes every value of {@code column}, a tenant id, a data link to the tenant drill-down board
   * for that tenant, keeping the time range. The console's built-in pages read the same link, so
   * its syntax is Grafana's data-link syntax and nothing else.
   */
  static Panel.Spec linkToTenant(Panel.Spec spec, String column) {
    ArrayNode links = Json.array();
    ObjectNode link = links.addObject();
    link.put("title", "Open tenant");
    link.put("url", TenantDashboard.LINK);
    return spec.fieldConfig(
        spec.fieldConfig().override(FieldOverride.byName(column).with("links", links)));
  }

  private static SqlTarget sql(
      Panel.Spec spec, QueryType type, String sql, ExpectedColumn... columns) {
    return new SqlTarget(spec.nextRefId(), CLICKHOUSE, type, sql.strip(), List.of(columns));
  }

  // Prometheus

  /** A PromQL query and its legend, e.g. {@code {{reason}}}. */
  record Prom(String expr, String legend) {}

  static Panel.Spec promTimeSeries(String title, String description, Prom... queries) {
    Panel.Spec spec = Panel.spec("timeseries", title).description(description);
    for (Prom q : queries) {
      spec.target(new PromTarget(spec.nextRefId(), PROMETHEUS, q.expr(), q.legend(), false));
    }
    return spec.fieldConfig(lineStyle()).options(timeSeriesOptions());
  }

  static Panel.Spec promStat(String title, String description, Prom query) {
    Panel.Spec spec = Panel.spec("stat", title).description(description);
    spec.target(new PromTarget(spec.nextRefId(), PROMETHEUS, query.expr(), query.legend(), true));
    return spec.fieldConfig(FieldConfig.empty().colorMode("thresholds").thresholds(neutral()))
        .options(statOptions("none"));
  }

  // shared look

  private static Thresholds neutral() {
    return Thresholds.of("green");
  }

  private static FieldConfig lineStyle() {
    return FieldConfig.empty()
        .colorMode("palette-classic")
        .custom("drawStyle", "line")
        .custom("fillOpacity", 10)
        .custom("lineWidth", 1)
        .custom("showPoints", "never")
        .custom("spanNulls", Json.bool(false))
        .custom("thresholdsStyle.mode", "off");
  }

  private static ObjectNode timeSeriesOptions() {
    ObjectNode options = Json.object();
    options.set("legend", legend(true));
    options.set("tooltip", tooltip());
    return options;
  }

  private static ObjectNode statOptions(String graphMode) {
    ObjectNode options = Json.object();
    options.put("colorMode", "value");
    options.put("graphMode", graphMode);
    options.put("justifyMode", "auto");
    options.put("orientation", "auto");
    options.set("reduceOptions", reduce("lastNotNull"));
    // auto: the value alone for one field, with its name when a panel shows several
    options.put("textMode", "auto");
    return options;
  }

  private static ObjectNode legend(boolean show) {
    ObjectNode legend = Json.object();
    legend.set("calcs", Json.array());
    legend.put("displayMode", "list");
    legend.put("placement", "bottom");
    legend.put("showLegend", show);
    return legend;
  }

  private static ObjectNode tooltip() {
    ObjectNode tooltip = Json.object();
    tooltip.put("mode", "multi");
    tooltip.put("sort", "desc");
    return tooltip;
  }

  private static ObjectNode reduce(String calc) {
    ObjectNode reduce = Json.object();
    ArrayNode calcs = reduce.putArray("calcs");
    calcs.add(calc);
    reduce.put("fields", "");
    reduce.put("values", false);
    return reduce;
  }
}
