package dev.tenantpulse.dashboards.model;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A raw SQL query of the official ClickHouse plugin ({@code grafana-clickhouse-datasource}, query
 * model of plugin v4: {@code editorType}, {@code queryType}, {@code format}, {@code rawSql}).
 *
 * @param rawSql the SQL as stored in the dashboard: with the plugin's macros ({@code
 *     $__timeFilter(col)}…) and Grafana template variables ({@code ${plan:singlequote}}…)
 * @param expect the result columns the panel relies on; checked on ClickHouse by the tests, not
 *     written to the JSON
 */
public record SqlTarget(
    String refId,
    DatasourceRef datasource,
    QueryType queryType,
    String rawSql,
    List<ExpectedColumn> expect)
    implements Target {

  public SqlTarget {
    Objects.requireNonNull(refId, "refId");
    Objects.requireNonNull(datasource, "datasource");
    Objects.requireNonNull(queryType, "queryType");
    Objects.requireNonNull(rawSql, "rawSql");
    expect = List.copyOf(expect);
    if (queryType == QueryType.TIME_SERIES
        && (expect.isEmpty() || expect.get(0).kind() != ValueKind.TIME)) {
      throw new IllegalArgumentException(
          "a time series query must expect a time column first: " + rawSql);
    }
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.set("datasource", datasource.toJson());
    node.put("editorType", "sql");
    node.put("format", queryType.format());
    node.put("queryType", queryType.wireName());
    node.put("rawSql", rawSql);
    node.put("refId", refId);
    return node;
  }
}
