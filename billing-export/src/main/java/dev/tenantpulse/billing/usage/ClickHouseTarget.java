package dev.tenantpulse.billing.usage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the usage tables are: a JDBC URL ({@code jdbc:chdb:} embedded, {@code jdbc:clickhouse:} for
 * a server), credentials and the database name (checked, since a name cannot be bound).
 */
public record ClickHouseTarget(String url, String user, String password, String database) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public ClickHouseTarget {
    Objects.requireNonNull(url, "url");
    if (database == null || !NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("not a ClickHouse database name: " + database);
    }
  }

  public Connection connect() throws SQLException {
    return user == null || user.isEmpty()
        ? DriverManager.getConnection(url)
        : DriverManager.getConnection(url, user, password == null ? "" : password);
  }

  /** {@code database.table} for a table name of this module's own queries. */
  public String table(String table) {
    return database + "." + table;
  }

  @Override
  public String toString() {
    // The password never reaches a log line.
    return "ClickHouseTarget[" + url + ", database=" + database + "]";
  }
}
