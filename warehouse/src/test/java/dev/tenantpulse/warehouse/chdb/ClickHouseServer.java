package dev.tenantpulse.warehouse.chdb;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.clickhouse.ClickHouseContainer;

/**
 * A real ClickHouse server in a container, reached through the official driver (jdbc-v2), shared by
 * every server test class of the JVM: started on first use, removed by Testcontainers when the JVM
 * exits. Classes using it carry {@code @Testcontainers(disabledWithoutDocker = true)}, so without
 * Docker they are reported as skipped and this class never starts.
 */
final class ClickHouseServer implements SqlTarget {

  /** Pinned to the LTS line production runs; bump it together with chDB. */
  static final String IMAGE = "clickhouse/clickhouse-server:25.8";

  static final ClickHouseServer INSTANCE = new ClickHouseServer();
  private static final Driver DRIVER = new com.clickhouse.jdbc.Driver();

  private final AtomicInteger databases = new AtomicInteger();
  private ClickHouseContainer container;

  private ClickHouseServer() {}

  private synchronized ClickHouseContainer container() {
    if (container == null) {
      ClickHouseContainer started = new ClickHouseContainer(IMAGE);
      started.start();
      container = started;
    }
    return container;
  }

  /**
   * Through the driver itself, not DriverManager: jdbc-v2 0.10.0 lists itself in META-INF/services
   * but does not register with DriverManager when loaded (only its static {@code Driver.load()}
   * does), so {@code DriverManager.getConnection} answers "No suitable driver".
   */
  @Override
  public Connection connect() throws SQLException {
    ClickHouseContainer c = container();
    Properties credentials = new Properties();
    credentials.setProperty("user", c.getUsername());
    credentials.setProperty("password", c.getPassword());
    return DRIVER.connect(c.getJdbcUrl(), credentials);
  }

  @Override
  public String freshDatabase(String hint) throws SQLException {
    String name = "t_" + hint.replaceAll("[^A-Za-z0-9_]", "_") + "_" + databases.incrementAndGet();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    return name;
  }
}
