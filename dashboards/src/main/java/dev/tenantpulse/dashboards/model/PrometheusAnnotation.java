package dev.tenantpulse.dashboards.model;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Annotations from a PromQL query: every step where a series has a value becomes an event, titled
 * and tagged from the series' labels (Grafana merges consecutive steps into one region).
 */
public record PrometheusAnnotation(
    String name,
    DatasourceRef datasource,
    String expr,
    String step,
    String titleFormat,
    String textFormat,
    String tagKeys,
    String iconColor)
    implements Annotation {

  public PrometheusAnnotation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datasource, "datasource");
    Objects.requireNonNull(expr, "expr");
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.set("datasource", datasource.toJson());
    node.put("enable", true);
    node.put("expr", expr);
    node.put("iconColor", iconColor);
    node.put("name", name);
    node.put("step", step);
    node.put("tagKeys", tagKeys);
    node.put("textFormat", textFormat);
    node.put("titleFormat", titleFormat);
    node.put("useValueForTime", false);
    return node;
  }
}
