package dev.tenantpulse.standalone.flink;

import dev.tenantpulse.standalone.console.PipelineStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the job's dead letters for {@code /api/pipeline}: the rows of its {@code rejected_events}
 * table per stage, with FINAL (a record replayed after a restore is written twice and counts once).
 */
final class RejectedEventsStatus {

  private RejectedEventsStatus() {}

  /**
   * @param url the warehouse's JDBC URL
   * @param table {@code database.rejected_events}, named by the pipeline (never by a request)
   */
  static PipelineStatus.Flink.RejectedEvents read(String url, String table) {
    String sql = "SELECT stage, count(), max(rejected_at) FROM " + table + " FINAL GROUP BY stage";
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      Map<String, Long> byStage = new LinkedHashMap<>();
      long total = 0;
      Instant newest = null;
      while (rs.next()) {
        long rows = rs.getLong(2);
        byStage.put(rs.getString(1), rows);
        total += rows;
        OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
        if (at != null && (newest == null || at.toInstant().isAfter(newest))) {
          newest = at.toInstant();
        }
      }
      return new PipelineStatus.Flink.RejectedEvents(table, total, byStage, newest, null);
    } catch (SQLException e) {
      return PipelineStatus.Flink.RejectedEvents.failed(table, e.getMessage());
    }
  }
}
