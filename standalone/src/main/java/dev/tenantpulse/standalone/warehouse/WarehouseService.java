package dev.tenantpulse.standalone.warehouse;

import dev.tenantpulse.standalone.lifecycle.Service;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import dev.tenantpulse.warehouse.schema.Migration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * chDB, ClickHouse's engine inside this process, brought to the current schema.
 *
 * <p>chDB boots one engine per process on one data path: every part of the process (the Flink
 * sinks, alerting, {@code /api/sql}) must use this service's {@link #url()} and nothing else, or
 * its connection fails with "chDB runs one engine per process".
 */
public final class WarehouseService implements Service {

  private final Path dataDir;

  public WarehouseService(Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
  }

  @Override
  public String name() {
    return "ClickHouse (chDB) and migrations";
  }

  @Override
  public Started start() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url())) {
      List<Migration> applied = ClickHouseMigrations.forDefaultDatabase().migrate(connection);
      String schema =
          applied.isEmpty()
              ? "schema current"
              : applied.size() + " migration" + (applied.size() == 1 ? "" : "s") + " applied";
      return Started.at(dataDir + " (" + schema + ")");
    }
  }

  /** The one {@code jdbc:chdb:} URL of this process (read-write). */
  public String url() {
    return "jdbc:chdb:" + dataDir;
  }

  /** A URL of the same engine with ClickHouse session settings, e.g. {@code readonly=1}. */
  public String url(String settings) {
    return url() + "?" + settings;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void stop() {
    // chDB cannot be shut down and reopened in one process; its writes are already durable (every
    // INSERT writes its part before it returns), so there is nothing to flush here.
  }
}
