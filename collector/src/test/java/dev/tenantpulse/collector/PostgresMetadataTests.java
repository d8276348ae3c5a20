package dev.tenantpulse.collector;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The metadata contract on PostgreSQL, as production runs it, each run in a fresh schema that is
 * dropped afterwards. Server from {@code TENANT_PULSE_TEST_POSTGRES_URL} (default
 * 127.0.0.1:5432/test), user {@code TENANT_PULSE_TEST_POSTGRES_USER} (default postgres), password
 * {@code TENANT_PULSE_TEST_POSTGRES_PASSWORD} (default none). Skipped, visibly, when no server
 * answers there.
 */
class PostgresMetadataTests extends MetadataStoreContract {

  private static final String URL =
      env("TENANT_PULSE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String USER = env("TENANT_PULSE_TEST_POSTGRES_USER", "postgres");
  private static final String PASSWORD = env("TENANT_PULSE_TEST_POSTGRES_PASSWORD", "");

  // Letters and digits only, made here: safe to put in DDL, which cannot bind a schema name.
  private static final String SCHEMA =
      "tp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static boolean created;
  private static String unreachable; // why the server could not be reached; null when it was

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", PASSWORD);
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("loginTimeout", "5");
    return DriverManager.getConnection(URL, properties);
  }

  /**
   * Probes the server once and creates the schema. Skipping happens per test ({@link
   * #requireServer}): Surefire 3.5 reports a class whose {@code @BeforeAll} aborts as zero tests
   * run, which would look like a pass.
   */
  @BeforeAll
  static void createSchema() throws SQLException {
    Connection connection;
    try {
      connection = connect();
    } catch (SQLException e) {
      unreachable = e.getMessage();
      return;
    }
    // Reachable but refusing to create a schema is a real failure, not a reason to skip.
    try (connection;
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + SCHEMA);
      created = true;
    }
  }

  @BeforeEach
  void requireServer() {
    assumeTrue(
        unreachable == null,
        () ->
            "PostgreSQL not reachable at "
                + URL
                + " as "
                + USER
                + ": skipping the PostgreSQL metadata tests ("
                + unreachable
                + ")");
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    if (created) {
      try (Connection connection = connect();
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
      }
    }
  }

  @Override
  protected Map<String, String> metadataDatabase() {
    return Map.of(
        "spring.datasource.url",
        URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA,
        "spring.datasource.username",
        USER,
        "spring.datasource.password",
        PASSWORD,
        "spring.flyway.schemas",
        SCHEMA,
        "spring.flyway.default-schema",
        SCHEMA);
  }
}
