package dev.tenantpulse.collector.reads;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The warehouse as tenant-scoped reads see it: only {@link ScopedQuery} runs here, always with a
 * {@link TenantScope}. A few idle connections are kept: on chDB a connection is a session of the
 * process's one engine, and opening one costs tens of milliseconds.
 */
public final class TenantWarehouse implements AutoCloseable {

  /** Maps the current row of a result. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** A result longer than the configured cap: the caller should ask for a narrower range. */
  public static final class ResultTooLargeException extends RuntimeException {
    ResultTooLargeException(String query, int maxRows) {
      super(
          "the answer of "
              + query
              + " has more than "
              + maxRows
              + " rows; ask for a narrower range or a coarser granularity");
    }
  }

  private static final int MAX_IDLE = 4;

  private final Driver driver;
  private final String url;
  private final Properties connectionProperties;
  private final String database;
  private final String tenantSetting;
  private final TenantTables tables;
  private final int maxRows;
  private final Deque<Connection> idle = new ArrayDeque<>();

  public TenantWarehouse(
      Driver driver,
      String url,
      Properties connectionProperties,
      String database,
      String tenantSetting,
      TenantTables tables,
      int maxRows) {
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
      throw new IllegalArgumentException("not a ClickHouse database name: '" + database + "'");
    }
    if (!tenantSetting.isEmpty() && !tenantSetting.matches("SQL_[A-Za-z0-9_]{1,60}")) {
      throw new IllegalArgumentException(
          "the tenant setting must be a custom setting SQL_…, got '" + tenantSetting + "'");
    }
    this.driver = driver;
    this.url = url;
    this.connectionProperties = connectionProperties;
    this.database = database;
    this.tenantSetting = tenantSetting;
    this.tables = tables;
    this.maxRows = maxRows;
  }

  public TenantTables tables() {
    return tables;
  }

  /**
   * Runs {@code query} for {@code scope}'s tenant and maps every row.
   *
   * @throws ResultTooLargeException past the row cap
   */
  public <T> List<T> query(
      ScopedQuery query, TenantScope scope, Map<String, ?> values, RowMapper<T> mapper) {
    ScopedQuery.Rendered rendered = query.render(scope, database, tables, values, tenantSetting);
    Connection connection = lease();
    boolean healthy = false;
    try (PreparedStatement statement = connection.prepareStatement(rendered.sql())) {
      for (int i = 0; i < rendered.args().size(); i++) {
        statement.setObject(i + 1, rendered.args().get(i));
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (rows.size() == maxRows) {
            healthy = true;
            throw new ResultTooLargeException(query.name(), maxRows);
          }
          rows.add(mapper.map(rs));
        }
      }
      healthy = true;
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "tenant read " + query.name() + " failed: " + e.getMessage(), e);
    } finally {
      release(connection, healthy);
    }
  }

  private Connection lease() {
    synchronized (idle) {
      Connection c = idle.pollFirst();
      if (c != null) {
        return c;
      }
    }
    try {
      Connection c = driver.connect(url, connectionProperties);
      if (c == null) {
        throw new IllegalStateException("the driver does not accept " + url);
      }
      return c;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the warehouse: " + e.getMessage(), e);
    }
  }

  private void release(Connection connection, boolean healthy) {
    if (healthy) {
      synchronized (idle) {
        if (idle.size() < MAX_IDLE) {
          idle.addFirst(connection);
          return;
        }
      }
    }
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // a broken session: nothing more to do with it
    }
  }

  @Override
  public void close() {
    synchronized (idle) {
      idle.forEach(TenantWarehouse::closeQuietly);
      idle.clear();
    }
  }
}
