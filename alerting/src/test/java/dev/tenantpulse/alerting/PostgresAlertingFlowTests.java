package dev.tenantpulse.alerting;

import dev.tenantpulse.alerting.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link AlertingFlowContract} on PostgreSQL, as production runs, in a schema of its own; skipped
 * visibly when no PostgreSQL answers (see {@link TestPostgres}).
 */
class PostgresAlertingFlowTests extends AlertingFlowContract {

  static TestPostgres postgres;

  @BeforeAll
  static void startOnPostgres() {
    postgres = new TestPostgres();
    if (postgres.reachable()) {
      start(postgres.properties());
    }
  }

  /** Runs before the contract's reset: skips (per test, so it shows) when PostgreSQL is absent. */
  @BeforeEach
  @Override
  void reset() {
    postgres.require();
    super.reset();
  }

  @AfterAll
  static void dropSchema() {
    stop();
    postgres.close();
  }
}
