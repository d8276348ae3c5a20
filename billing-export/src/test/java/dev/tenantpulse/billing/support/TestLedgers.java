package dev.tenantpulse.billing.support;

import dev.tenantpulse.billing.service.LedgerSchema;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh H2 ledger per test, migrated by the module's own Flyway migrations. */
public final class TestLedgers {

  private TestLedgers() {}

  /** An in-memory H2 database kept open for the JVM's life, as the ledger of one test. */
  public static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:mem:ledger_"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("");
    LedgerSchema.migrate(ds);
    return ds;
  }
}
