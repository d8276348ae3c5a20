package dev.tenantpulse.dashboards.model;

import tools.jackson.databind.node.ObjectNode;

/** Grafana's own annotations and alerts (stored in Grafana), present on every dashboard. */
public record BuiltInAnnotation() implements Annotation {

  /** The pseudo data source of Grafana's built-in annotations; not a provisioned one. */
  public static final DatasourceRef GRAFANA = new DatasourceRef("grafana", "-- Grafana --");

  @Override
  public String name() {
    return "Annotations & Alerts";
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("builtIn", 1);
    node.set("datasource", GRAFANA.toJson());
    node.put("enable", true);
    node.put("hide", true);
    node.put("iconColor", "rgba(0, 211, 255, 1)");
    node.put("name", name());
    node.put("type", "dashboard");
    return node;
  }
}
