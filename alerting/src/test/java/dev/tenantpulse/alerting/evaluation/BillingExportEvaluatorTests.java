package dev.tenantpulse.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.clickhouse.ClickHouseSource;
import dev.tenantpulse.alerting.evaluation.Observation.Outcome;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.TestRules;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** billing_export_stalled on real chDB tables: usage_hourly against billing_reconciliation. */
class BillingExportEvaluatorTests {

  static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");

  MetricTables tables;
  ClickHouseSource ch;

  @BeforeEach
  void database() {
    tables = MetricTables.fresh("billing_rule");
    ch = new ClickHouseSource(new DriverManagerDataSource(TestEngine.url()), tables.database());
  }

  void usage(String tenant, Instant hour) throws Exception {
    exec(
        "INSERT INTO %s.usage_hourly (hour, tenant_id, meter, quantity, computed_at) VALUES"
            + " (toDateTime(%d, 'UTC'), '%s', 'api_calls', 5, now64(3))",
        hour.getEpochSecond(), tenant);
  }

  void reconciled(String tenant, Instant hour, String status) throws Exception {
    exec(
        "INSERT INTO %s.billing_reconciliation (hour, tenant_id, meter, stripe_event_name,"
            + " measured_quantity, measured_units, exported_units, difference_units, status,"
            + " updated_at) VALUES (toDateTime(%d, 'UTC'), '%s', 'api_calls', 'api_calls', 5, 5,"
            + " 0, 5, '%s', now64(3))",
        hour.getEpochSecond(), tenant, status);
  }

  private void exec(String sql, Object... args) throws Exception {
    Object[] all = new Object[args.length + 1];
    all[0] = tables.database();
    System.arraycopy(args, 0, all, 1, args.length);
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute(String.format(sql, all));
    }
  }

  Observation evaluate() {
    return new BillingExportEvaluator(ch)
        .evaluate(TestRules.rule("billing", "kind: billing_export_stalled"), NOW)
        .get(0);
  }

  @Test
  void isNotMetWhereTheExportNeverRan() throws Exception {
    usage("acme", NOW.minus(Duration.ofHours(10)));

    assertThat(evaluate().outcome()).isEqualTo(Outcome.NOT_MET);
  }

  @Test
  void firesWhenAnOldHourHasNoReconciliationRowBecauseTheExporterStopped() throws Exception {
    Instant h1 = Instant.parse("2026-03-10T05:00:00Z");
    usage("acme", h1);
    reconciled("acme", h1, "exported");
    usage("acme", h1.plus(Duration.ofHours(1)));
    usage("acme", h1.plus(Duration.ofHours(2)));
    // 10:00 ended at 11:00, 1.5 h ago: within the 3 h lag.
    usage("acme", Instant.parse("2026-03-10T10:00:00Z"));

    Observation o = evaluate();

    assertThat(o.outcome()).isEqualTo(Outcome.MET);
    assertThat(o.value()).isEqualTo(2.0);
    assertThat(o.summary()).contains("2 hours").contains("2026-03-10T06:00:00Z");
  }

  @Test
  void firesOnStoppedTenantsButNotOnTenantsWithoutACustomerOrExportedHours() throws Exception {
    Instant h = Instant.parse("2026-03-10T05:00:00Z");
    usage("acme", h);
    reconciled("acme", h, "exported");
    usage("nocus", h);
    reconciled("nocus", h, "no_customer");

    assertThat(evaluate().outcome()).isEqualTo(Outcome.NOT_MET);

    usage("ghost", h);
    reconciled("ghost", h, "stopped");
    assertThat(evaluate().outcome()).isEqualTo(Outcome.MET);
  }
}
