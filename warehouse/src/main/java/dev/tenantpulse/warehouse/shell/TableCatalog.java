package dev.tenantpulse.warehouse.shell;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What {@code \d} shows, read from ClickHouse's system tables: the tables of a database with their
 * row counts and comments, and the columns of one table. Names are bound, never pasted.
 */
final class TableCatalog {

  private static final String TABLES =
      "SELECT name, engine, total_rows, comment FROM system.tables"
          + " WHERE database = ? AND NOT is_temporary ORDER BY name";
  private static final String TABLE =
      "SELECT engine, sorting_key, total_rows, comment FROM system.tables"
          + " WHERE database = ? AND name = ?";
  private static final String COLUMNS =
      "SELECT name, type, default_kind, default_expression, comment"
          + " FROM system.columns WHERE database = ? AND table = ? ORDER BY position";

  private TableCatalog() {}

  /** The tables of {@code database}; no rows when it has none or does not exist yet. */
  static ResultGrid tables(Connection connection, String database) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(TABLES)) {
      s.setString(1, database);
      try (ResultSet rs = s.executeQuery()) {
        return ResultGrid.read(rs, Integer.MAX_VALUE);
      }
    }
  }

  /** A table's own line ({@code engine, ORDER BY …, n rows — comment}), empty when it is absent. */
  static Optional<String> summary(Connection connection, String database, String table)
      throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(TABLE)) {
      s.setString(1, database);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        StringBuilder b = new StringBuilder(database).append('.').append(table).append(": ");
        b.append(rs.getString("engine"));
        String sortingKey = rs.getString("sorting_key");
        if (sortingKey != null && !sortingKey.isEmpty()) {
          b.append(", ORDER BY (").append(sortingKey).append(')');
        }
        String rows = rs.getString("total_rows");
        if (rows != null) {
          b.append(", ").append(rows).append(rows.equals("1") ? " row" : " rows");
        }
        String comment = rs.getString("comment");
        if (comment != null && !comment.isEmpty()) {
          b.append(" — ").append(comment);
        }
        return Optional.of(b.toString());
      }
    }
  }

  static ResultGrid columns(Connection connection, String database, String table)
      throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(COLUMNS)) {
      s.setString(1, database);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        return ResultGrid.read(rs, Integer.MAX_VALUE);
      }
    }
  }
}
