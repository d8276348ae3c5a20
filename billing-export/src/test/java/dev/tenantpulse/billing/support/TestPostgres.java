package dev.tenantpulse.billing.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantpulse.billing.service.LedgerSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A schema of its own on the test PostgreSQL server ({@code TENANT_PULSE_TEST_POSTGRES_URL},
 * default 127.0.0.1:5432/test, user {@code TENANT_PULSE_TEST_POSTGRES_USER} or postgres). {@link
 * #require()} skips the calling test visibly, naming the URL, when no server answers (one that
 * answers but refuses to create a schema is a failure, not a skip).
 */
public final class TestPostgres implements AutoCloseable {

  public static final String URL =
      env("TENANT_PULSE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String USER = env("TENANT_PULSE_TEST_POSTGRES_USER", "postgres");
  public static final String PASSWORD = env("TENANT_PULSE_TEST_POSTGRES_PASSWORD", "");

  private final String schema =
      "tp_billing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String unreachable;

  public TestPostgres() {
    Connection connection;
    try {
      connection = plain().getConnection();
    } catch (SQLException e) {
      unreachable = e.getMessage();
      return;
    }
    unreachable = null;
    // A server that answers but refuses the schema is a failure, not a skip: a skip would hide it.
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

  private static PGSimpleDataSource plain() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(URL);
    ds.setUser(USER);
    ds.setPassword(PASSWORD);
    ds.setConnectTimeout(5);
    ds.setLoginTimeout(5);
    return ds;
  }

  public void require() {
    assumeTrue(
        unreachable == null,
        () ->
            "PostgreSQL not reachable at "
                + URL
                + " as "
                + USER
                + ": skipping the PostgreSQL ledger tests ("
                + unreachable
                + ")");
  }

  /** The ledger in this schema, migrated. */
  public DataSource ledger() {
    PGSimpleDataSource ds = plain();
    ds.setCurrentSchema(schema);
    LedgerSchema.migrate(ds);
    return ds;
  }

  @Override
  public void close() {
    if (unreachable == null) {
      try (Connection c = plain().getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
