package dev.tenantpulse.alerting;

import dev.tenantpulse.alerting.support.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link FirstDataContract} on PostgreSQL, a schema per test; skipped visibly when no PostgreSQL
 * answers (see {@link TestPostgres}).
 */
class PostgresFirstDataTests extends FirstDataContract {

  TestPostgres postgres;

  @BeforeEach
  @Override
  void install() throws java.io.IOException {
    postgres = new TestPostgres();
    postgres.require();
    super.install();
  }

  @Override
  Map<String, String> metadata() {
    return postgres.properties();
  }

  @AfterEach
  @Override
  void uninstall() {
    super.uninstall();
    postgres.close();
  }
}
