package dev.tenantpulse.dashboards;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What ClickHouse returned for a query: column names and types as the engine reports them. */
record QueryResult(List<String> names, List<String> types, int rows) {

  static QueryResult run(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnLabel(i));
        types.add(meta.getColumnTypeName(i));
      }
      int rows = 0;
      while (rs.next()) {
        rows++;
      }
      return new QueryResult(names, types, rows);
    }
  }
}
