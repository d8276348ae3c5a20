package dev.tenantpulse.warehouse.chdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one chDB engine of the test JVM (chDB admits one data path per process): a data directory
 * under target/, and a fresh database per test so tests never see each other's tables.
 */
public final class TestEngine {

  private static final Path DATA = createDataDir();
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private TestEngine() {}

  private static Path createDataDir() {
    try {
      Path target = Path.of("target");
      Files.createDirectories(target);
      return Files.createTempDirectory(target.toAbsolutePath(), "chdb-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path dataDir() {
    return DATA;
  }

  public static String url() {
    return "jdbc:chdb:" + DATA;
  }

  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  /** Creates an empty database named after the test and returns its name. */
  public static String freshDatabase(String hint) throws SQLException {
    String name = "t_" + hint.replaceAll("[^A-Za-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    }
    return name;
  }
}
