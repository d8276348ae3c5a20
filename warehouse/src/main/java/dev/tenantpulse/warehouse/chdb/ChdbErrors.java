package dev.tenantpulse.warehouse.chdb;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a ClickHouse error text ("Code: 62. DB::Exception: ...") into an SQLException. */
final class ChdbErrors {

  private static final Pattern CODE = Pattern.compile("Code:\\s*(\\d+)");
  static final int SYNTAX_ERROR = 62;
  private static final int UNKNOWN_TABLE = 60;
  private static final int UNKNOWN_IDENTIFIER = 47;
  static final int BAD_ARGUMENTS = 36;
  static final int READONLY = 164;
  static final int QUERY_IS_TOO_LARGE = 229;
  static final int TOO_MANY_ROWS_OR_BYTES = 396;

  private ChdbErrors() {}

  /** The ClickHouse error code in {@code message}, or 0 when it carries none. */
  static int code(String message) {
    Matcher m = CODE.matcher(message);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  static SQLException toException(String message, String context) {
    String text = message.strip();
    if (context != null) {
      text = text + " [while running: " + abbreviate(context) + "]";
    }
    int code = code(message);
    return switch (code) {
      case SYNTAX_ERROR, UNKNOWN_TABLE, UNKNOWN_IDENTIFIER ->
          new SQLSyntaxErrorException(text, "42000", code);
      case READONLY -> new SQLException(text, "25006", code);
      default -> new SQLException(text, "HY000", code);
    };
  }

  private static String abbreviate(String sql) {
    return sql.length() <= 200 ? sql : sql.substring(0, 200) + "…";
  }
}
