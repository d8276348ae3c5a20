package dev.tenantpulse.dashboards.model;

import tools.jackson.databind.node.ObjectNode;

/** One query of a panel. */
public sealed interface Target permits SqlTarget, PromTarget {

  /** Grafana's id of the query inside its panel: A, B, C… */
  String refId();

  DatasourceRef datasource();

  ObjectNode toJson();
}
