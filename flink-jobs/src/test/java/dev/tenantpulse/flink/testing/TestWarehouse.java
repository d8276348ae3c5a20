package dev.tenantpulse.flink.testing;

import dev.tenantpulse.warehouse.chdb.TestEngine;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The test JVM's chDB engine: a fresh, migrated database per test, and plain queries. */
public final class TestWarehouse {

  private TestWarehouse() {}

  public static String url() {
    return TestEngine.url();
  }

  /** A new database holding the project's schema. */
  public static String migratedDatabase(String hint) throws SQLException {
    String database = TestEngine.freshDatabase(hint);
    try (Connection c = TestEngine.connect()) {
      ClickHouseMigrations.forDatabase(database).migrate(c);
    }
    return database;
  }

  public static void execute(String sql) throws SQLException {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Every row of {@code sql}, each as its column values in order. */
  public static List<List<Object>> rows(String sql) throws SQLException {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  public static long count(String sql) throws SQLException {
    return ((Number) rows(sql).get(0).get(0)).longValue();
  }

  /** Waits until {@code db.events} holds {@code expected} events (after FINAL) or fails. */
  public static void awaitEvents(String db, long expected, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long seen = 0;
    while (System.nanoTime() < deadline) {
      seen = count("SELECT count() FROM " + db + ".events FINAL");
      if (seen >= expected) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(seen + " of " + expected + " events stored within " + timeout);
  }
}
