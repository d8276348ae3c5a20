package dev.tenantpulse.standalone.console;

import java.util.List;

/** RFC 4180 CSV of a result: a header line, NULL as an empty field, "" for the empty string. */
public final class Csv {

  private Csv() {}

  public static String render(SqlResult result) {
    StringBuilder out = new StringBuilder();
    List<SqlResult.Column> columns = result.columns();
    for (int c = 0; c < columns.size(); c++) {
      out.append(c == 0 ? "" : ",").append(field(columns.get(c).name()));
    }
    out.append("\r\n");
    for (List<Object> row : result.rows()) {
      for (int c = 0; c < row.size(); c++) {
        Object v = row.get(c);
        out.append(c == 0 ? "" : ",");
        if (v != null) {
          out.append(field(v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString()));
        }
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  static String field(String value) {
    boolean quote =
        value.isEmpty()
            || value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
