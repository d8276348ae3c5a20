package dev.tenantpulse.warehouse.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * {@code bin/migrate}: brings a warehouse to the current schema and exits.
 *
 * <pre>
 *   --data &lt;dir&gt;     the embedded engine's data directory (default ./data/clickhouse)
 *   --url &lt;jdbc&gt;     a ClickHouse server instead, e.g. jdbc:clickhouse://host:8123/
 *   --database &lt;n&gt;  database name (default tenant_pulse)
 * </pre>
 *
 * Server credentials come from CLICKHOUSE_USER / CLICKHOUSE_PASSWORD, never from the command line.
 */
public final class MigrateCommand {

  private MigrateCommand() {}

  public static void main(String[] args) {
    String url = "jdbc:chdb:" + Path.of("data", "clickhouse").toAbsolutePath();
    String database = Migration.DEFAULT_DATABASE;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--data" -> url = "jdbc:chdb:" + Path.of(require(args[i], value)).toAbsolutePath();
        case "--url" -> url = require(args[i], value);
        case "--database" -> database = require(args[i], value);
        default -> fail("unknown option " + args[i] + " (use --data, --url or --database)");
      }
      i++;
    }
    try (Connection connection = open(url)) {
      ClickHouseMigrations migrations = ClickHouseMigrations.forDatabase(database);
      List<Migration> applied = migrations.migrate(connection);
      System.out.printf(
          "ClickHouse schema %s at %s: %d migration(s) applied now, %d in all%n",
          database, url, applied.size(), migrations.migrations().size());
    } catch (SQLException | RuntimeException e) {
      fail("migration failed: " + e.getMessage());
    }
  }

  /** Opens either driver by URL; the official one does not register with DriverManager. */
  static Connection open(String url) throws SQLException {
    Properties properties = new Properties();
    if (url.startsWith("jdbc:clickhouse:") || url.startsWith("jdbc:ch:")) {
      properties.setProperty("user", envOr("CLICKHOUSE_USER", "default"));
      properties.setProperty("password", envOr("CLICKHOUSE_PASSWORD", ""));
      return new com.clickhouse.jdbc.Driver().connect(url, properties);
    }
    return DriverManager.getConnection(url, properties);
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }

  private static String require(String option, String value) {
    if (value == null || value.isBlank()) {
      fail(option + " needs a value");
    }
    return value;
  }

  private static void fail(String message) {
    System.err.println("migrate: " + message);
    System.exit(2);
  }
}
