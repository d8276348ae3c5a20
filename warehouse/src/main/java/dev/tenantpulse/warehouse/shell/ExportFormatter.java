package dev.tenantpulse.warehouse.shell;

import java.math.BigDecimal;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link ResultGrid} for other programs: CSV (RFC 4180, NULL as an empty field and the
 * empty string as {@code ""}), TSV (ClickHouse's TabSeparated escaping, NULL as {@code \N}), or
 * JSON Lines (one object per row; numbers stay numbers, arrays and maps stay JSON). Pure.
 */
final class ExportFormatter {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ExportFormatter() {}

  static String format(ResultGrid grid, OutputFormat format) {
    return switch (format) {
      case CSV -> delimited(grid, ",", ExportFormatter::csv, "");
      case TSV -> delimited(grid, "\t", ExportFormatter::tsv, "\\N");
      case JSON -> jsonLines(grid);
      case TABLE -> new TableFormatter().format(grid);
    };
  }

  private interface Escaper {
    String escape(String value);
  }

  private static String delimited(ResultGrid grid, String sep, Escaper escaper, String nullText) {
    StringBuilder out = new StringBuilder();
    List<String> names = grid.columns().stream().map(ResultGrid.Column::name).toList();
    out.append(String.join(sep, names.stream().map(escaper::escape).toList())).append('\n');
    for (List<String> row : grid.rows()) {
      for (int c = 0; c < row.size(); c++) {
        String v = row.get(c);
        out.append(c == 0 ? "" : sep).append(v == null ? nullText : escaper.escape(v));
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String csv(String value) {
    boolean quote =
        value.isEmpty()
            || value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  static String tsv(String value) {
    return value
        .replace("\\", "\\\\")
        .replace("\t", "\\t")
        .replace("\n", "\\n")
        .replace("\r", "\\r");
  }

  private static String jsonLines(ResultGrid grid) {
    StringBuilder out = new StringBuilder();
    for (List<String> row : grid.rows()) {
      ObjectNode object = JSON.createObjectNode();
      for (int c = 0; c < row.size(); c++) {
        ResultGrid.Column column = grid.columns().get(c);
        String v = row.get(c);
        if (v == null) {
          object.putNull(column.name());
          continue;
        }
        switch (column.kind()) {
          case NUMBER -> putNumber(object, column.name(), v);
          case BOOLEAN -> object.put(column.name(), Boolean.parseBoolean(v) || v.equals("1"));
          case STRUCTURED -> putJson(object, column.name(), v);
          case TEXT -> object.put(column.name(), v);
        }
      }
      out.append(JSON.writeValueAsString(object)).append('\n');
    }
    return out.toString();
  }

  private static void putNumber(ObjectNode object, String name, String v) {
    try {
      object.put(name, new BigDecimal(v));
    } catch (NumberFormatException e) {
      object.put(name, v); // nan, inf: JSON has no such numbers
    }
  }

  private static void putJson(ObjectNode object, String name, String v) {
    try {
      object.set(name, JSON.readTree(v));
    } catch (JacksonException e) {
      object.put(name, v);
    }
  }
}
