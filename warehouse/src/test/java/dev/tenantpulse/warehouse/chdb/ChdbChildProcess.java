package dev.tenantpulse.warehouse.chdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;

/**
 * A JVM of its own with a chDB engine of its own: {@code ChdbChildProcess <data dir> <sql>...} runs
 * each statement against {@code jdbc:chdb:<data dir>} and prints every result row, its cells joined
 * by tabs. Exits 1 on the first failing statement. {@link ChdbRestartTests} starts it.
 */
public final class ChdbChildProcess {

  private ChdbChildProcess() {}

  public static void main(String[] args) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:chdb:" + args[0]);
        Statement s = c.createStatement()) {
      for (int i = 1; i < args.length; i++) {
        if (s.execute(args[i])) {
          try (ResultSet rs = s.getResultSet()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              StringJoiner row = new StringJoiner("\t");
              for (int col = 1; col <= columns; col++) {
                row.add(rs.getString(col));
              }
              System.out.println(row);
            }
          }
        }
      }
    } catch (SQLException e) {
      System.err.println("child failed: " + e.getMessage());
      System.exit(1);
    }
  }
}
