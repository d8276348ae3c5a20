package dev.tenantpulse.warehouse.chdb;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A statement's rows as ClickHouse wrote them in {@code JSONCompactEachRowWithNamesAndTypes}: a
 * line of names, a line of types, then one JSON array per row. Cells stay JSON until a getter asks
 * for them, so a wide result costs one parse.
 */
record ResultTable(List<String> names, List<ClickHouseType> types, List<JsonNode> rows) {

  static final String FORMAT = "JSONCompactEachRowWithNamesAndTypes";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static ResultTable parse(byte[] output) throws SQLException {
    // One JSON array per line (ClickHouse escapes newlines inside strings). Lines are read one by
    // one: Jackson's value iterator would unwrap a leading root-level array into its elements.
    try {
      List<JsonNode> lines = new ArrayList<>();
      int start = 0;
      for (int i = 0; i <= output.length; i++) {
        if (i == output.length || output[i] == '\n') {
          if (i > start) {
            lines.add(JSON.readTree(output, start, i - start));
          }
          start = i + 1;
        }
      }
      if (lines.size() < 2) {
        return new ResultTable(List.of(), List.of(), List.of());
      }
      List<String> names = new ArrayList<>();
      for (JsonNode n : lines.get(0)) {
        names.add(n.asString());
      }
      List<ClickHouseType> types = new ArrayList<>();
      for (JsonNode n : lines.get(1)) {
        types.add(ClickHouseType.parse(n.asString()));
      }
      return new ResultTable(
          List.copyOf(names), List.copyOf(types), lines.subList(2, lines.size()));
    } catch (JacksonException e) {
      throw new SQLException(
          "could not read the engine's result; a FORMAT clause in the statement overrides the"
              + " driver's own: remove it",
          "22000",
          e);
    } catch (RuntimeException e) {
      // A column type this reader does not understand is the driver's gap, not a reason for the
      // caller to fail with an unchecked exception (which a web layer would answer with a 500).
      throw new SQLException("could not read the engine's result: " + e.getMessage(), "22000", e);
    }
  }

  int columnCount() {
    return names.size();
  }
}
