package dev.tenantpulse.dashboards.model;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reference to a provisioned Grafana data source by plugin type and uid. Dashboards name data
 * sources by uid only (never by display name), so renaming a data source breaks nothing.
 */
public record DatasourceRef(String type, String uid) {

  public DatasourceRef {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(uid, "uid");
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("type", type);
    node.put("uid", uid);
    return node;
  }
}
