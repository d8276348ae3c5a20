package dev.tenantpulse.warehouse.chdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Read-only queries on the process's chDB engine for clients outside it (the ClickHouse HTTP
 * interface), streamed as the engine produces them.
 *
 * <p>A query's settings are its session's: each distinct set of settings (and database) gets chDB
 * sessions opened with those settings first and {@code readonly=1} last, so the engine itself
 * refuses writes, {@code SET} and a statement's own {@code SETTINGS} clause, and no query can lift
 * the limits it was opened with. Opening a session costs tens of milliseconds, so sessions are kept
 * for reuse: clients send the same settings with every query (Grafana's plugin, the JDBC driver),
 * and a handful of idle sessions serves them. A session that failed mid-query is closed, never
 * reused. Every text passes the engine-parser guard ({@link ReadOnlyGuard}) before it runs.
 */
public final class ReadOnlySessions implements AutoCloseable {

  private static final Pattern SETTING_NAME = Pattern.compile("[a-z][a-z0-9_]{0,127}");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  /** The largest result of a one-document format (JSON, XML, Parquet …), held whole in memory. */
  static final long MAX_WHOLE_BYTES = 128L << 20;

  private final Path dataPath;
  private final SortedMap<String, String> limits;
  private final int maxIdle;
  private final Map<SessionKey, Deque<NativeConnection>> idle = new LinkedHashMap<>(16, 1f, true);
  private int idleCount;
  private boolean closed;

  /**
   * @param limits settings every session gets, below any a query brings (e.g. {@code
   *     max_memory_usage}); a query's own settings of the same name replace them
   * @param maxIdle sessions kept open between queries, across all setting sets
   */
  public ReadOnlySessions(Path dataPath, Map<String, String> limits, int maxIdle) {
    this.dataPath = dataPath;
    this.limits = new TreeMap<>(checkedSettings(limits));
    this.maxIdle = maxIdle;
  }

  /** One query: its text, database, output format and the values it binds. */
  public record Query(
      String sql,
      Optional<String> database,
      String defaultFormat,
      Map<String, String> settings,
      Map<String, String> parameters) {
    public Query {
      Objects.requireNonNull(sql);
      Objects.requireNonNull(defaultFormat);
      settings = Map.copyOf(settings);
      parameters = Map.copyOf(parameters);
    }
  }

  /** The format the output is in, known before the first byte. */
  @FunctionalInterface
  public interface Output {
    /** Called once, before the query runs, with the format the engine will write. */
    ResultChunks begin(String format) throws IOException;
  }

  /** What a query returned. */
  public record Summary(String format, long resultRows, long resultBytes) {}

  /**
   * Runs {@code query} if the guard admits it, streaming its output to {@code output}.
   *
   * @throws SQLException a refusal or the engine's error, with ClickHouse's code in {@link
   *     SQLException#getErrorCode()}
   * @throws IOException when the output failed (the query is then cancelled)
   */
  public Summary run(Query query, Output output) throws SQLException, IOException {
    checkedSettings(query.settings());
    for (String name : query.parameters().keySet()) {
      if (!PARAMETER_NAME.matcher(name).matches()) {
        throw new SQLException(
            "query parameter names are identifiers; refused: " + printable(name),
            "42000",
            ChdbErrors.BAD_ARGUMENTS);
      }
    }
    SessionKey key = new SessionKey(query.database().orElse(""), settingsOf(query));
    NativeConnection session = lease(key);
    boolean reusable = false;
    try {
      ReadOnlyGuard.Checked checked = ReadOnlyGuard.check(session, query.sql(), query.parameters());
      String format = checked.format().orElse(query.defaultFormat());
      ResultChunks chunks = output.begin(format);
      Summary summary;
      StreamedFormat streamed = StreamedFormat.of(format);
      if (checked.select() && streamed != StreamedFormat.WHOLE) {
        long[] sent = new long[1];
        ResultChunks counted =
            chunk -> {
              sent[0] += chunk.remaining();
              chunks.write(chunk);
            };
        ResultChunks to =
            streamed == StreamedFormat.HEADER_ONCE
                ? StreamedFormat.headerOnce(format, counted)
                : counted;
        NativeConnection.StreamSummary out =
            session.stream(
                query.sql().getBytes(StandardCharsets.UTF_8), format, query.parameters(), to);
        summary = new Summary(format, out.resultRows(), sent[0]);
      } else {
        // SHOW, DESCRIBE, EXPLAIN, EXISTS (the engine streams only SELECT), and one-document
        // formats (JSON, XML, Parquet, Pretty …: a stream would be several documents).
        NativeConnection.QueryOutput out;
        session.limitOutput(MAX_WHOLE_BYTES);
        try {
          out = session.query(query.sql(), format, query.parameters());
        } catch (SQLException e) {
          if (e.getErrorCode() == ChdbErrors.TOO_MANY_ROWS_OR_BYTES
              && String.valueOf(e.getMessage()).contains("max_output_bytes")) {
            throw StreamedFormat.tooLargeForWhole(format, -1, MAX_WHOLE_BYTES);
          }
          throw e;
        } finally {
          session.limitOutput(0);
        }
        chunks.write(java.nio.ByteBuffer.wrap(out.bytes()).asReadOnlyBuffer());
        summary = new Summary(format, out.rowsRead(), out.bytes().length);
      }
      reusable = true;
      return summary;
    } catch (SQLException e) {
      // A refusal before the query ran leaves the session clean; an engine error may not.
      reusable = !session.isClosed() && e.getErrorCode() == ChdbErrors.READONLY;
      throw e;
    } finally {
      giveBack(key, session, reusable);
    }
  }

  private SortedMap<String, String> settingsOf(Query query) {
    SortedMap<String, String> settings = new TreeMap<>(limits);
    settings.putAll(query.settings());
    return settings;
  }

  private NativeConnection lease(SessionKey key) throws SQLException {
    synchronized (this) {
      if (closed) {
        throw new SQLException("the read-only sessions are closed", "08003");
      }
      Deque<NativeConnection> sessions = idle.get(key);
      if (sessions != null && !sessions.isEmpty()) {
        idleCount--;
        NativeConnection session = sessions.pop();
        if (sessions.isEmpty()) {
          idle.remove(key);
        }
        return session;
      }
    }
    Map<String, String> args = new LinkedHashMap<>(key.settings());
    args.remove("readonly");
    args.put("readonly", "1"); // last: the settings before it are applied while still allowed
    NativeConnection session;
    try {
      session = ChdbEngine.connect(dataPath, args);
    } catch (SQLException e) {
      if (key.settings().equals(limits)) {
        throw e;
      }
      // The sessions of the limits alone open; so it is a value the query brought
      // (max_threads=abc).
      throw new SQLException(
          "the engine refused a setting's value among " + printable(key.settings().toString()),
          "22023",
          ChdbErrors.BAD_ARGUMENTS,
          e);
    }
    if (!key.database().isEmpty()) {
      try {
        session.query("USE " + SqlLiterals.identifier(key.database()), "TSV");
      } catch (SQLException e) {
        session.close();
        throw e;
      }
    }
    return session;
  }

  private void giveBack(SessionKey key, NativeConnection session, boolean reusable) {
    NativeConnection evicted = null;
    synchronized (this) {
      if (reusable && !closed && maxIdle > 0) {
        idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(session);
        idleCount++;
        session = null;
        if (idleCount > maxIdle) {
          Iterator<Map.Entry<SessionKey, Deque<NativeConnection>>> eldest =
              idle.entrySet().iterator();
          Map.Entry<SessionKey, Deque<NativeConnection>> oldest = eldest.next();
          evicted = oldest.getValue().pollLast();
          if (oldest.getValue().isEmpty()) {
            eldest.remove();
          }
          idleCount--;
        }
      }
    }
    if (session != null) {
      session.close();
    }
    if (evicted != null) {
      evicted.close();
    }
  }

  /** Sessions kept open for reuse now. */
  public synchronized int idleSessions() {
    return idleCount;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      idle.values().forEach(sessions -> sessions.forEach(NativeConnection::close));
      idle.clear();
      idleCount = 0;
    }
  }

  private static Map<String, String> checkedSettings(Map<String, String> settings) {
    settings.forEach(
        (name, value) -> {
          if (!SETTING_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a setting name: " + printable(name));
          }
          if (value.isEmpty() || value.length() > 1024 || value.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException(
                "setting " + name + " needs a value of 1 to 1024 printable characters");
          }
        });
    return settings;
  }

  private static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private record SessionKey(String database, SortedMap<String, String> settings) {}
}
