package dev.tenantpulse.dashboards.model;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A PromQL query of Grafana's Prometheus data source.
 *
 * @param legendFormat series name template such as {@code {{reason}}}; empty for the default
 * @param instant one value per series at the end of the range (stat panels) instead of a range
 */
public record PromTarget(
    String refId, DatasourceRef datasource, String expr, String legendFormat, boolean instant)
    implements Target {

  public PromTarget {
    Objects.requireNonNull(refId, "refId");
    Objects.requireNonNull(datasource, "datasource");
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(legendFormat, "legendFormat");
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.set("datasource", datasource.toJson());
    node.put("editorMode", "code");
    node.put("expr", expr);
    node.put("instant", instant);
    node.put("legendFormat", legendFormat.isEmpty() ? "__auto" : legendFormat);
    node.put("range", !instant);
    node.put("refId", refId);
    return node;
  }
}
