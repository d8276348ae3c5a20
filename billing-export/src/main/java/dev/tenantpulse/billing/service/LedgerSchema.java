package dev.tenantpulse.billing.service;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The ledger's schema: its own Flyway history table, so it can share a metadata database with
 * alerting (whose history is {@code alerting_schema_history}).
 */
public final class LedgerSchema {

  public static final String LOCATION = "classpath:db/migration/billing";
  public static final String HISTORY_TABLE = "billing_schema_history";

  private LedgerSchema() {}

  public static void migrate(DataSource ledger) {
    Flyway.configure()
        .dataSource(ledger)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
