package dev.tenantpulse.standalone.e2e;

import dev.tenantpulse.standalone.support.Http;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The metric tables as an analyst reads them: through {@code POST /api/sql}. */
final class Tables {

  private final String sqlUrl;
  private final String token;

  Tables(String consoleUrl, String token) {
    this.sqlUrl = consoleUrl + "/api/sql?max_rows=100000";
    this.token = token;
  }

  /** Rows as column name → JSON value. */
  List<Map<String, JsonNode>> query(String sql) {
    Http.Answer answer = Http.post(sqlUrl, token, "text/plain", sql);
    if (answer.status() != 200) {
      throw new AssertionError("/api/sql answered " + answer.status() + ": " + answer.body());
    }
    JsonNode body = answer.json();
    if (body.path("truncated").asBoolean()) {
      throw new AssertionError("result truncated: " + sql);
    }
    List<String> names = new ArrayList<>();
    body.path("columns").forEach(c -> names.add(c.path("name").asString()));
    List<Map<String, JsonNode>> rows = new ArrayList<>();
    for (JsonNode row : body.path("rows")) {
      Map<String, JsonNode> map = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        map.put(names.get(i), row.get(i));
      }
      rows.add(map);
    }
    return rows;
  }

  long count(String sql) {
    return query(sql).get(0).values().iterator().next().asLong();
  }
}
