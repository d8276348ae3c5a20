package dev.tenantpulse.standalone.console;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs analyst queries on the process's chDB engine, read-only.
 *
 * <p>Each query gets a session of its own, opened with {@code readonly=1}: the engine refuses
 * writes and settings changes, and the driver runs only what the engine's own parser classifies as
 * one reading statement without host or network functions or INTO OUTFILE (a text the parser cannot
 * read is refused, never passed on). Its time limit is {@code max_execution_time}, its row limit
 * {@code max_result_rows} with {@code result_overflow_mode=break} (the engine stops producing rows
 * early), its memory {@code max_memory_usage}, and its output the driver's {@code max_output_bytes}
 * (a larger result is refused before it is copied into the heap). Settings sit in the session's URL
 * because a readonly=1 session may not change them, which also keeps a query from lifting its own
 * limits.
 */
@Component
public class SqlRunner {

  private static final Logger log = LoggerFactory.getLogger(SqlRunner.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  // ClickHouse error codes that are the query's fault or its limits, not the service's.
  private static final int TIMEOUT_EXCEEDED = 159;
  private static final int READONLY = 164;
  private static final int MEMORY_LIMIT_EXCEEDED = 241;
  private static final int UNKNOWN_DATABASE = 81;
  private static final int QUERY_IS_TOO_LARGE = 229;
  private static final int TOO_MANY_ROWS_OR_BYTES = 396;

  private final ConsoleSettings settings;
  private final Semaphore running;

  SqlRunner(ConsoleSettings settings) {
    this.settings = settings;
    this.running = new Semaphore(settings.maxConcurrentQueries());
  }

  SqlResult run(SqlRequest request) {
    if (!running.tryAcquire()) {
      throw new ConsoleException(
          HttpStatus.TOO_MANY_REQUESTS,
          "too_many_queries",
          settings.maxConcurrentQueries() + " queries are running; retry when one has finished");
    }
    try {
      return execute(request);
    } finally {
      running.release();
    }
  }

  /**
   * Runs {@code request} in a read-only session of its own, outside the analysts' concurrency
   * limit: for callers that queue their queries themselves (the built-in boards).
   */
  public SqlResult execute(SqlRequest request) {
    long start = System.nanoTime();
    try (Connection connection = DriverManager.getConnection(sessionUrl(request))) {
      useDatabase(connection);
      try (Statement statement = connection.createStatement()) {
        statement.setMaxRows(request.maxRows() + 1); // one more than returned tells truncation
        if (!statement.execute(request.sql())) {
          throw ConsoleException.badRequest(
              "not_a_query", "the statement returned no result set; only reads run here");
        }
        try (ResultSet rs = statement.getResultSet()) {
          return read(rs, request.maxRows(), System.nanoTime() - start);
        }
      }
    } catch (SQLException e) {
      throw translate(e);
    } catch (RuntimeException e) {
      // A result the driver could not turn into values is a gap of ours, logged as one; the
      // analyst still gets a reason and a 4xx, never a bare 500 for one query's shape.
      log.error("the console could not read a query's result", e);
      throw new ConsoleException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "unreadable_result",
          "the query ran but its result could not be read: " + clean(e.getMessage()));
    }
  }

  private String sessionUrl(SqlRequest request) {
    // readonly goes last: the driver applies it after the limits it would otherwise forbid.
    return settings.warehouseUrl()
        + "?max_execution_time="
        + request.timeout().toSeconds()
        + "&max_result_rows="
        + (request.maxRows() + 1)
        + "&result_overflow_mode=break"
        + "&max_memory_usage="
        + settings.maxMemoryBytes()
        + "&max_output_bytes="
        + settings.maxResultBytes()
        + "&readonly=1";
  }

  private void useDatabase(Connection connection) throws SQLException {
    try {
      connection.setSchema(settings.database());
    } catch (SQLException e) {
      if (e.getErrorCode() != UNKNOWN_DATABASE) {
        throw e;
      }
      // before the first migration there is no database yet; queries then name theirs
    }
  }

  private static SqlResult read(ResultSet rs, int maxRows, long elapsedNanos) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int n = meta.getColumnCount();
    List<SqlResult.Column> columns = new ArrayList<>(n);
    for (int c = 1; c <= n; c++) {
      columns.add(new SqlResult.Column(meta.getColumnLabel(c), meta.getColumnTypeName(c)));
    }
    List<List<Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == maxRows) {
        truncated = true;
        break;
      }
      List<Object> row = new ArrayList<>(n);
      for (int c = 1; c <= n; c++) {
        row.add(cell(rs.getString(c), meta.getColumnType(c), meta.getColumnTypeName(c)));
      }
      rows.add(row);
    }
    return new SqlResult(columns, rows, rows.size(), truncated, elapsedNanos / 1_000_000);
  }

  /** A cell as a JSON value: numbers as numbers, booleans, arrays/maps/tuples as JSON. */
  static Object cell(String text, int jdbcType, String typeName) {
    if (text == null) {
      return null;
    }
    String base = typeName.replaceAll("^(Nullable\\(|LowCardinality\\()+", "");
    if (base.startsWith("Array(") || base.startsWith("Map(") || base.startsWith("Tuple(")) {
      try {
        return JSON.readTree(text);
      } catch (JacksonException e) {
        return text;
      }
    }
    return switch (jdbcType) {
      case Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.NUMERIC,
          Types.DECIMAL,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE -> {
        try {
          yield new BigDecimal(text);
        } catch (NumberFormatException e) {
          yield text; // nan, inf: JSON has no such numbers
        }
      }
      case Types.BOOLEAN, Types.BIT -> text.equals("1") || Boolean.parseBoolean(text);
      default -> text;
    };
  }

  private static ConsoleException translate(SQLException e) {
    String message = clean(e.getMessage());
    int code = e.getErrorCode();
    if (code == READONLY || "25006".equals(e.getSQLState())) {
      return new ConsoleException(
          HttpStatus.FORBIDDEN,
          "read_only",
          "this endpoint only reads: " + message,
          Map.of("clickhouse_code", code));
    }
    if (code == TIMEOUT_EXCEEDED) {
      return new ConsoleException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "query_timeout",
          "the query ran out of its time limit (timeout_seconds): " + message,
          Map.of("clickhouse_code", code));
    }
    if (code == TOO_MANY_ROWS_OR_BYTES) {
      return new ConsoleException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "result_too_large",
          "the result is larger than one answer may be ("
              + "select fewer rows or columns, or aggregate): "
              + message,
          Map.of("clickhouse_code", code));
    }
    if (code == QUERY_IS_TOO_LARGE) {
      return new ConsoleException(
          HttpStatus.CONTENT_TOO_LARGE,
          "query_too_large",
          message,
          Map.of("clickhouse_code", code));
    }
    if (code == MEMORY_LIMIT_EXCEEDED) {
      return new ConsoleException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "memory_limit",
          "the query needs more memory than one query may use: " + message,
          Map.of("clickhouse_code", code));
    }
    if ("08001".equals(e.getSQLState()) || "58000".equals(e.getSQLState())) {
      log.error("the console could not open a chDB session", e);
      return new ConsoleException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "warehouse_unavailable",
          "the ClickHouse engine could not open a session: " + message);
    }
    return new ConsoleException(
        HttpStatus.BAD_REQUEST,
        "sql_error",
        message,
        code > 0 ? Map.of("clickhouse_code", code) : Map.of());
  }

  /** The engine's message without its boilerplate prefix, version suffix or line breaks. */
  static String clean(String message) {
    if (message == null) {
      return "query failed";
    }
    String m = message.replaceAll("\\s+", " ").strip();
    m = m.replaceFirst("^(?:Code:\\s*\\d+\\.\\s*DB::Exception:\\s*)+", "");
    m = m.replaceAll("\\s*\\(version [0-9.]+[^)]*\\)", "");
    return m.length() > 1000 ? m.substring(0, 1000) + "…" : m;
  }
}
