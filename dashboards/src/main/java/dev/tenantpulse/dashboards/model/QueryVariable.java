package dev.tenantpulse.dashboards.model;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A single-value variable whose values a ClickHouse query returns (one column), refreshed when the
 * time range changes so it can use the plugin's time macros. The query is stored as a plain SQL
 * string, the variable query form every version of the ClickHouse plugin reads.
 *
 * @param defaultValue the value selected until the user picks another
 * @param expect the query's one result column, checked on ClickHouse by the tests
 */
public record QueryVariable(
    String name,
    String label,
    String description,
    DatasourceRef datasource,
    String sql,
    String defaultValue,
    List<ExpectedColumn> expect)
    implements Variable {

  public QueryVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datasource, "datasource");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(defaultValue, "defaultValue");
    expect = List.copyOf(expect);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    ObjectNode current = node.putObject("current");
    current.put("text", defaultValue);
    current.put("value", defaultValue);
    node.set("datasource", datasource.toJson());
    node.put("definition", sql);
    node.put("description", description);
    node.put("includeAll", false);
    node.put("label", label);
    node.put("multi", false);
    node.put("name", name);
    node.putArray("options");
    node.put("query", sql);
    node.put("refresh", 2); // on time range change
    node.put("regex", "");
    node.put("sort", 0); // the query's own order
    node.put("type", "query");
    return node;
  }
}
