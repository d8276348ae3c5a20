package dev.tenantpulse.warehouse.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How fast rows get into a 6-column MergeTree table of the embedded engine, three ways, in one run:
 * the engine's own {@code INSERT … SELECT FROM numbers()} (the ceiling), the jdbc:chdb driver's
 * {@code PreparedStatement} batch (what the pipeline uses), and one text {@code VALUES} statement
 * per batch (the floor). Each method runs one warm-up round, then {@code --repeat} measured rounds
 * into an emptied table; after every round a checksum of the table must equal the engine's own
 * rows, so a broken insert cannot look fast.
 *
 * <p>Background merges are stopped on the table: otherwise each round competes for the CPUs with
 * the merges of the round before, and the order of the methods would change their results.
 *
 * <p>Exit status: 0 when the driver meets its target, 1 when it does not, 2 for a bad command line,
 * 3 when a round wrote wrong rows.
 */
public final class InsertBenchmark {

  static final double TARGET_RATIO = 0.4;
  static final double TARGET_ROWS_PER_SECOND = 500_000;
  private static final String DATABASE = "tp_insert_bench";
  private static final String TABLE = DATABASE + ".events";
  private static final String EVENTS_TABLE = DATABASE + ".raw_events";

  private final Connection connection;
  private final BenchOptions options;
  private final PrintStream out;
  private String expectedChecksum;
  private String table = TABLE;
  private String checksumSql = BenchRows.checksumOf(TABLE);

  InsertBenchmark(Connection connection, BenchOptions options, PrintStream out) {
    this.connection = connection;
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(
          "Usage: bin/bench [--rows 2000000] [--batch 100000] [--repeat 5] [--data <dir>]");
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path data =
        options.data().isPresent()
            ? options.data().get()
            : Files.createTempDirectory("tenant-pulse-bench-");
    int status;
    try (Connection c = DriverManager.getConnection("jdbc:chdb:" + data)) {
      status = new InsertBenchmark(c, options, System.out).run(data);
    } catch (VerificationException e) {
      System.err.println("bench: " + e.getMessage());
      status = 3;
    }
    if (options.data().isEmpty()) {
      deleteTree(data);
    }
    System.exit(status); // chDB's engine threads would keep the JVM alive
  }

  int run(Path data) throws SQLException {
    out.println("Tenant Pulse insert benchmark (jdbc:chdb)");
    out.println(SystemInfo.line(connection));
    out.printf(
        Locale.ROOT,
        "rows=%,d per round, batch=%,d rows, %d measured rounds per method after 1 warm-up round,"
            + " data=%s%n",
        options.rows(),
        options.batch(),
        options.repeat(),
        data.toAbsolutePath());
    out.println("table " + TABLE + " " + BenchRows.TABLE_DDL);
    createTable();
    expectedChecksum =
        checksum(BenchRows.checksumOf("(" + BenchRows.engineSelect(options.rows()) + ")"));

    Rounds engine = measure("engine INSERT … SELECT FROM numbers()", this::engineRound);
    out.println("generating " + options.rows() + " rows in Java (not timed)…");
    BenchRows rows = BenchRows.generate(options.rows());
    Rounds driver =
        measure("driver PreparedStatement batch (Native)", bind -> driverRound(rows, bind));
    Rounds text = measure("text VALUES per batch (plain Statement)", bind -> textRound(rows));

    out.println(
        "table " + EVENTS_TABLE + ": the warehouse's events table (V001), as its sink binds");
    execute(EventsShapeRows.ddl(EVENTS_TABLE));
    execute("SYSTEM STOP MERGES " + EVENTS_TABLE);
    table = EVENTS_TABLE;
    checksumSql = EventsShapeRows.checksumOf(EVENTS_TABLE);
    expectedChecksum =
        checksum(
            EventsShapeRows.checksumOf("(" + EventsShapeRows.engineSelect(options.rows()) + ")"));
    Rounds eventsEngine = measure("events: engine INSERT … SELECT", bind -> eventsEngineRound());
    Object[][] eventRows = EventsShapeRows.generate(options.rows());
    Rounds eventsDriver =
        measure(
            "events: driver PreparedStatement batch", bind -> eventsDriverRound(eventRows, bind));
    execute("DROP DATABASE IF EXISTS " + DATABASE + " SYNC");

    out.println();
    out.println(Rounds.header());
    Stream.of(engine, driver, text, eventsEngine, eventsDriver)
        .map(Rounds::line)
        .forEach(out::println);
    out.println();
    double ratio = driver.median() / engine.median();
    double eventsRatio = eventsDriver.median() / eventsEngine.median();
    boolean pass =
        ratio >= TARGET_RATIO
            && driver.median() >= TARGET_ROWS_PER_SECOND
            && eventsRatio >= TARGET_RATIO;
    out.printf(
        Locale.ROOT,
        "driver batch insert: %.2f M rows/s = %.2f × engine INSERT…SELECT (target ≥ %.2f and ≥ %.1f"
            + " M rows/s: %s)%n",
        driver.median() / 1e6,
        ratio,
        TARGET_RATIO,
        TARGET_ROWS_PER_SECOND / 1e6,
        ratio >= TARGET_RATIO && driver.median() >= TARGET_ROWS_PER_SECOND ? "MET" : "MISSED");
    out.printf(
        Locale.ROOT,
        "events table batch:  %.2f M rows/s = %.2f × engine INSERT…SELECT (target ≥ %.2f: %s)%n",
        eventsDriver.median() / 1e6,
        eventsRatio,
        TARGET_RATIO,
        eventsRatio >= TARGET_RATIO ? "MET" : "MISSED");
    out.printf(
        Locale.ROOT,
        "text VALUES insert:  %.2f M rows/s = %.2f × engine INSERT…SELECT (driver = %.1f × text)%n",
        text.median() / 1e6,
        text.median() / engine.median(),
        driver.median() / text.median());
    out.printf(
        Locale.ROOT,
        "driver time split: %.0f%% binding (setX + addBatch), %.0f%% in executeBatch (Native"
            + " encoding + engine insert)%n",
        100 * driver.bindShare(),
        100 * (1 - driver.bindShare()));
    return pass ? 0 : 1;
  }

  /** One round of a method; {@code bindNanos} collects time spent outside engine calls. */
  @FunctionalInterface
  private interface Round {
    void run(long[] bindNanos) throws SQLException;
  }

  private Rounds measure(String method, Round round) throws SQLException {
    List<Long> nanos = new ArrayList<>();
    List<Long> binds = new ArrayList<>();
    for (int r = 0; r <= options.repeat(); r++) {
      execute("TRUNCATE TABLE " + table + " SYNC");
      System.gc(); // the previous round's garbage is not this round's cost
      long[] bind = {0};
      long start = System.nanoTime();
      round.run(bind);
      long elapsed = System.nanoTime() - start;
      verify(method, r);
      if (r > 0) {
        nanos.add(elapsed);
        binds.add(bind[0]);
      }
      out.printf(
          Locale.ROOT,
          "  %-44s %s %.3f s = %.3f M rows/s%n",
          method,
          r == 0 ? "warm-up " : "round " + r + " ",
          elapsed / 1e9,
          options.rows() / (elapsed / 1e9) / 1e6);
    }
    return new Rounds(method, nanos, options.rows(), binds);
  }

  private void engineRound(long[] bindNanos) throws SQLException {
    execute(
        "INSERT INTO "
            + TABLE
            + " ("
            + BenchRows.COLUMNS
            + ") "
            + BenchRows.engineSelect(options.rows()));
  }

  private void driverRound(BenchRows rows, long[] bindNanos) throws SQLException {
    long inBatch = 0;
    long start = System.nanoTime();
    try (PreparedStatement p =
        connection.prepareStatement(
            "INSERT INTO " + TABLE + " (" + BenchRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (int i = 0; i < rows.size(); i++) {
        p.setString(1, rows.tenantId[i]);
        p.setString(2, rows.eventId[i]);
        p.setObject(3, rows.eventTime[i]);
        p.setString(4, rows.meter[i]);
        p.setDouble(5, rows.quantity[i]);
        p.setLong(6, rows.seq[i]);
        p.addBatch();
        if (++pending == options.batch() || i == rows.size() - 1) {
          long t = System.nanoTime();
          p.executeBatch();
          inBatch += System.nanoTime() - t;
          pending = 0;
        }
      }
    }
    bindNanos[0] = System.nanoTime() - start - inBatch;
  }

  private void eventsEngineRound() throws SQLException {
    execute(
        "INSERT INTO "
            + EVENTS_TABLE
            + " ("
            + EventsShapeRows.COLUMNS
            + ") "
            + EventsShapeRows.engineSelect(options.rows()));
  }

  private void eventsDriverRound(Object[][] rows, long[] bindNanos) throws SQLException {
    long inBatch = 0;
    long start = System.nanoTime();
    String marks = "?" + ", ?".repeat(15);
    try (PreparedStatement p =
        connection.prepareStatement(
            "INSERT INTO "
                + EVENTS_TABLE
                + " ("
                + EventsShapeRows.COLUMNS
                + ") VALUES ("
                + marks
                + ")")) {
      int pending = 0;
      for (int i = 0; i < rows.length; i++) {
        Object[] row = rows[i];
        for (int c = 0; c < row.length; c++) {
          p.setObject(c + 1, row[c]);
        }
        p.addBatch();
        if (++pending == options.batch() || i == rows.length - 1) {
          long t = System.nanoTime();
          p.executeBatch();
          inBatch += System.nanoTime() - t;
          pending = 0;
        }
      }
    }
    bindNanos[0] = System.nanoTime() - start - inBatch;
  }

  private void textRound(BenchRows rows) throws SQLException {
    String prefix = "INSERT INTO " + TABLE + " (" + BenchRows.COLUMNS + ") VALUES ";
    try (Statement s = connection.createStatement()) {
      for (int from = 0; from < rows.size(); from += options.batch()) {
        int to = Math.min(rows.size(), from + options.batch());
        StringBuilder sql = new StringBuilder(prefix.length() + (to - from) * 90).append(prefix);
        rows.appendValues(sql, from, to);
        s.executeUpdate(sql.toString());
      }
    }
  }

  private void createTable() throws SQLException {
    execute("DROP DATABASE IF EXISTS " + DATABASE + " SYNC");
    execute("CREATE DATABASE " + DATABASE);
    execute("CREATE TABLE " + TABLE + " " + BenchRows.TABLE_DDL);
    execute("SYSTEM STOP MERGES " + TABLE);
  }

  private void verify(String method, int round) throws SQLException {
    String actual = checksum(checksumSql);
    if (!actual.equals(expectedChecksum)) {
      throw new VerificationException(
          method
              + ", round "
              + round
              + ": the table holds "
              + actual
              + " (count, sum(seq), hash) but the engine's own rows give "
              + expectedChecksum);
    }
  }

  /** The checksum {@code sql} (one of the rows' {@code checksumOf}) answers. */
  private String checksum(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1) + ", " + rs.getString(2) + ", " + rs.getString(3);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A round wrote other rows than the engine's own: its speed means nothing. */
  static final class VerificationException extends SQLException {
    VerificationException(String message) {
      super(message);
    }
  }
}
