package dev.tenantpulse.alerting.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A schema of its own on the test PostgreSQL server: {@code TENANT_PULSE_TEST_POSTGRES_URL}
 * (default 127.0.0.1:5432/test), user {@code TENANT_PULSE_TEST_POSTGRES_USER} (default postgres),
 * password {@code TENANT_PULSE_TEST_POSTGRES_PASSWORD}. Tests call {@link #require()} first: it
 * skips them visibly, naming the URL, when no server answers (a server that answers but refuses to
 * create a schema is a failure, not a skip).
 */
public final class TestPostgres implements AutoCloseable {

  public static final String URL =
      env("TENANT_PULSE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = env("TENANT_PULSE_TEST_POSTGRES_USER", "postgres");
  public static final String PASSWORD = env("TENANT_PULSE_TEST_POSTGRES_PASSWORD", "");

  // Letters and digits only, made here: safe in DDL, which cannot bind a schema name.
  private final String schema =
      "tp_alerting_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String unreachable;

  public TestPostgres() {
    Connection connection;
    try {
      connection = connect();
    } catch (SQLException e) {
      unreachable = e.getMessage();
      return;
    }
    unreachable = null;
    try (connection;
        Statement s = connection.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL answered but refused a schema", e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", PASSWORD);
    p.setProperty("connectTimeout", "5");
    p.setProperty("loginTimeout", "5");
    return DriverManager.getConnection(URL, p);
  }

  /** Skips the calling test, saying why, when the server was not reachable. */
  public void require() {
    assumeTrue(
        unreachable == null,
        () ->
            "PostgreSQL not reachable at "
                + URL
                + " as "
                + USER
                + ": skipping the PostgreSQL alerting tests ("
                + unreachable
                + ")");
  }

  public boolean reachable() {
    return unreachable == null;
  }

  /** Spring properties pointing the metadata database (and Flyway) at this schema. */
  public Map<String, String> properties() {
    return Map.of(
        "spring.datasource.url",
        URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
        "spring.datasource.username",
        USER,
        "spring.datasource.password",
        PASSWORD,
        "spring.flyway.schemas",
        schema,
        "spring.flyway.default-schema",
        schema);
  }

  @Override
  public void close() {
    if (unreachable == null) {
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
