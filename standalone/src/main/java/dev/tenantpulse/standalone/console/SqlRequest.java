package dev.tenantpulse.standalone.console;

import dev.tenantpulse.warehouse.shell.SqlCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One analyst query: the statement and the limits it asked for (the console's defaults otherwise).
 * {@link #of} reports every problem of a request at once.
 */
public record SqlRequest(String sql, int maxRows, Duration timeout) {

  static final int MAX_SQL_CHARS = 256 * 1024;

  /**
   * A trailing {@code FORMAT x} would replace the output the driver reads; results are shaped by
   * {@code Accept} or {@code ?format=} instead.
   */
  private static final Pattern TRAILING_FORMAT =
      Pattern.compile("(?is).*\\bFORMAT\\s+[A-Za-z]+\\s*;?\\s*");

  public static SqlRequest of(
      String sql, Integer maxRows, Integer timeoutSeconds, ConsoleSettings s) {
    List<String> problems = new ArrayList<>();
    String statement = sql == null ? "" : sql.strip();
    if (statement.endsWith(";")) {
      statement = statement.substring(0, statement.length() - 1).strip();
    }
    if (statement.isEmpty()) {
      problems.add("sql: required, one SQL statement");
    } else if (statement.length() > MAX_SQL_CHARS) {
      problems.add("sql: at most " + MAX_SQL_CHARS + " characters");
    } else if (TRAILING_FORMAT.matcher(SqlCode.codeOnly(statement)).matches()) {
      problems.add(
          "sql: drop the FORMAT clause; ask for CSV with 'Accept: text/csv' or ?format=csv");
    }
    int rows = maxRows == null ? s.defaultMaxRows() : maxRows;
    if (rows < 1 || rows > s.maxRowsCap()) {
      problems.add("max_rows: 1 to " + s.maxRowsCap() + ", got " + rows);
    }
    long seconds = timeoutSeconds == null ? s.defaultTimeout().toSeconds() : timeoutSeconds;
    if (seconds < 1 || seconds > s.timeoutCap().toSeconds()) {
      problems.add("timeout_seconds: 1 to " + s.timeoutCap().toSeconds() + ", got " + seconds);
    }
    if (!problems.isEmpty()) {
      throw new ConsoleException(
          org.springframework.http.HttpStatus.BAD_REQUEST,
          "invalid_query_request",
          String.join("; ", problems),
          java.util.Map.of("problems", problems));
    }
    return new SqlRequest(statement, rows, Duration.ofSeconds(seconds));
  }
}
