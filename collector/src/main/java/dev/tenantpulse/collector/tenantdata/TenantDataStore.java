package dev.tenantpulse.collector.tenantdata;

import dev.tenantpulse.collector.reads.TenantTable;
import dev.tenantpulse.collector.reads.TenantTables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One tenant's rows in every per-tenant table of {@link TenantTables}: exported as NDJSON or
 * erased. The same list the tenant reads may name, so a table added there is exported and erased
 * too. Cross-tenant aggregates hold no tenant's rows and are not touched here: they are recomputed
 * for the range {@link #eventSpan} reads before the erasure ({@link AggregatesRecompute}).
 */
final class TenantDataStore {

  private final String url;
  private final Properties connection;
  private final String database;
  private final TenantTables tables;

  TenantDataStore(String url, Properties connection, String database, TenantTables tables) {
    this.url = url;
    this.connection = connection;
    this.database = database;
    this.tables = tables;
  }

  /**
   * Writes one line per row, {@code {"table":"…","row":{…}}}, table by table, with every copy a
   * ReplacingMergeTree still holds (an export shows what is stored). Answers rows per table.
   */
  Map<String, Long> export(String tenantId, OutputStream out) throws SQLException, IOException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url, connection)) {
      for (TenantTable table : tables.all()) {
        // The engine renders each row as JSON, in its own types' JSON forms (maps, arrays, times).
        String sql =
            "SELECT formatRowNoNewline('JSONEachRow', *) FROM %s.%s WHERE %s = ?"
                .formatted(database, table.name(), table.tenantColumn());
        long rows = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
          s.setString(1, tenantId);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              out.write(
                  ("{\"table\":\"" + table.name() + "\",\"row\":" + rs.getString(1) + "}\n")
                      .getBytes(StandardCharsets.UTF_8));
              rows++;
            }
          }
        }
        counts.put(table.name(), rows);
      }
    }
    return counts;
  }

  /**
   * The tenant's first and last event time in {@code events} (every stored copy, late ones
   * included: each may have counted in an aggregate), empty when it has none. Read before {@link
   * #erase}, which deletes what it is read from.
   */
  Optional<Instant[]> eventSpan(String tenantId) throws SQLException {
    String sql =
        ("SELECT count(), toUnixTimestamp64Milli(min(event_time)),"
                + " toUnixTimestamp64Milli(max(event_time)) FROM %s.events WHERE tenant_id = ?")
            .formatted(database);
    try (Connection c = DriverManager.getConnection(url, connection);
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenantId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return Optional.empty();
        }
        return Optional.of(
            new Instant[] {
              Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3))
            });
      }
    }
  }

  /**
   * Deletes the tenant's rows from every per-tenant table and waits for each mutation to finish
   * ({@code mutations_sync = 2}), so the rows are gone from disk, not only hidden as a lightweight
   * DELETE leaves them until a merge. Answers rows deleted per table.
   */
  Map<String, Long> erase(String tenantId) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url, connection)) {
      for (TenantTable table : tables.all()) {
        String where = table.tenantColumn() + " = ?";
        long rows;
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT count() FROM %s.%s WHERE %s".formatted(database, table.name(), where))) {
          s.setString(1, tenantId);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            rows = rs.getLong(1);
          }
        }
        if (rows > 0) {
          try (PreparedStatement s =
              c.prepareStatement(
                  "ALTER TABLE %s.%s DELETE WHERE %s SETTINGS mutations_sync = 2"
                      .formatted(database, table.name(), where))) {
            s.setString(1, tenantId);
            s.execute();
          }
        }
        counts.put(table.name(), rows);
      }
    }
    return counts;
  }
}
