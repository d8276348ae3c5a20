package dev.tenantpulse.dashboards;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** The single number a {@code SELECT count() …} returns. */
final class QueryResultCount {

  private QueryResultCount() {}

  static long of(Connection connection, String sql) throws Exception {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
