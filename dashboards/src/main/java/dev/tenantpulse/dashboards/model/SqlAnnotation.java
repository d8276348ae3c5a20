package dev.tenantpulse.dashboards.model;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Annotations from a ClickHouse query returning {@code time} (required), and optionally {@code
 * timeEnd}, {@code title}, {@code text} and {@code tags} columns: the plugin's annotation model.
 *
 * @param expect the result columns, checked on ClickHouse by the tests
 */
public record SqlAnnotation(
    String name,
    DatasourceRef datasource,
    String rawSql,
    String iconColor,
    List<ExpectedColumn> expect)
    implements Annotation {

  public SqlAnnotation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datasource, "datasource");
    Objects.requireNonNull(rawSql, "rawSql");
    expect = List.copyOf(expect);
    if (expect.isEmpty() || !expect.get(0).equals(ExpectedColumn.time("time"))) {
      throw new IllegalArgumentException("an annotation query must return a time column first");
    }
  }

  /** The annotation's query as a target (refId {@code Anno}), as the plugin stores it. */
  public SqlTarget target() {
    return new SqlTarget("Anno", datasource, QueryType.TABLE, rawSql, expect);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.set("datasource", datasource.toJson());
    node.put("enable", true);
    node.put("iconColor", iconColor);
    node.put("name", name);
    node.set("target", target().toJson());
    return node;
  }
}
