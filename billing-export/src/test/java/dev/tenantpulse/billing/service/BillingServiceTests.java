package dev.tenantpulse.billing.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.billing.support.FakeStripe;
import dev.tenantpulse.billing.support.MutableClock;
import dev.tenantpulse.billing.support.RunningBilling;
import dev.tenantpulse.billing.support.UsageTables;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class BillingServiceTests {

  static final Instant HOUR = Instant.parse("2026-03-10T09:00:00Z");

  final MutableClock clock = new MutableClock(HOUR.plus(Duration.ofHours(3)));
  FakeStripe stripe;
  UsageTables tables;

  @BeforeEach
  void setUp() throws Exception {
    stripe = new FakeStripe(clock);
    tables = UsageTables.fresh("billing_service");
  }

  @AfterEach
  void tearDown() {
    stripe.close();
  }

  RunningBilling start(Map<String, String> more) {
    Map<String, String> p = new java.util.HashMap<>();
    p.put("tenant-pulse.billing.clickhouse.url", TestEngine.url());
    p.put("tenant-pulse.billing.clickhouse.database", tables.database());
    p.put("tenant-pulse.billing.stripe.api-base", stripe.baseUrl().toString());
    p.put("tenant-pulse.billing.stripe.secret-key", FakeStripe.KEY);
    p.put("tenant-pulse.billing.backfill-from", "2026-03-01");
    p.put("tenant-pulse.billing.calls-per-second", "1000");
    p.putAll(more);
    return RunningBilling.start(clock, p);
  }

  @Test
  void anOperatorNamesACustomerRunsTheExportAndReadsItReconciled(CapturedOutput output)
      throws Exception {
    tables.writeHours(
        List.of(
            new UsageTables.Hour("acme", "api_calls", HOUR, 40),
            new UsageTables.Hour("acme", "api_calls", HOUR.minus(Duration.ofHours(1)), 2),
            new UsageTables.Hour("nocus", "api_calls", HOUR, 9)));
    stripe.customers("cus_Acme1");
    try (RunningBilling billing = start(Map.of())) {
      HttpResponse<String> set =
          billing.api(
              "PUT",
              "/api/billing/tenants/acme/customer",
              "{\"stripe_customer_id\":\"cus_Acme1\"}");
      assertThat(set.statusCode()).isEqualTo(200);

      HttpResponse<String> run = billing.api("POST", "/api/billing/run", null);
      assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
      assertThat(run.body()).contains("\"accepted\":2").contains("\"skipped_tenants\":[\"nocus\"]");

      HttpResponse<String> rec =
          billing.api("GET", "/api/billing/reconciliation?from=2026-03-01&period=month", null);
      assertThat(rec.statusCode()).isEqualTo(200);
      assertThat(rec.body())
          .contains(
              "{\"tenant_id\":\"acme\",\"meter\":\"api_calls\",\"period_start\":\"2026-03-01T00:00:00Z\","
                  + "\"measured_quantity\":42.0,\"measured_units\":42,\"exported_units\":42,"
                  + "\"exported_quantity\":42,\"difference_units\":0,\"status\":\"exported\"}")
          .contains("\"tenant_id\":\"nocus\"")
          .contains("\"difference_units\":9,\"status\":\"no_customer\"");

      assertThat(reconciliationTable())
          .containsExactlyInAnyOrder(
              "acme api_calls 2026-03-10 08:00:00 2 0 exported",
              "acme api_calls 2026-03-10 09:00:00 40 0 exported",
              "nocus api_calls 2026-03-10 09:00:00 0 9 no_customer");

      String metrics = billing.api("GET", "/actuator/prometheus", null).body();
      assertThat(metrics)
          .contains("billing_export_sent_total 2.0")
          .contains("billing_export_pending 1.0")
          .contains("billing_export_lag_seconds");
      HttpResponse<String> status = billing.api("GET", "/api/billing/status", null);
      assertThat(status.body())
          .contains("\"skipped_tenants\":[\"nocus\"]")
          .doesNotContain(FakeStripe.KEY);
    }
    assertThat(output.getAll()).doesNotContain(FakeStripe.KEY).contains("test mode, masked");
  }

  @Test
  void aDryRunThroughTheApiSendsNothing() throws Exception {
    tables.writeHours(List.of(new UsageTables.Hour("acme", "api_calls", HOUR, 40)));
    stripe.customers("cus_Acme1");
    try (RunningBilling billing = start(Map.of())) {
      billing.api(
          "PUT", "/api/billing/tenants/acme/customer", "{\"stripe_customer_id\":\"cus_Acme1\"}");

      HttpResponse<String> run = billing.api("POST", "/api/billing/run?dry_run=true", null);

      assertThat(run.body()).contains("\"dry_run\":true").contains("\"units\":40");
      assertThat(stripe.calls()).isZero();
    }
  }

  @Test
  void erasesATenantFromTheLedgerAndKeepsALookAlike() throws Exception {
    try (RunningBilling billing = start(Map.of())) {
      for (String tenant : java.util.List.of("acme", "acme2")) {
        assertThat(
                billing
                    .api(
                        "PUT",
                        "/api/billing/tenants/" + tenant + "/customer",
                        "{\"stripe_customer_id\":\"cus_" + tenant + "\"}")
                    .statusCode())
            .isEqualTo(200);
      }

      HttpResponse<String> erased = billing.api("DELETE", "/api/billing/tenants/acme", null);

      assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
      assertThat(erased.body()).contains("\"billing_customers\":1").contains("\"billing_sends\":0");
      HttpResponse<String> again = billing.api("DELETE", "/api/billing/tenants/acme", null);
      assertThat(again.body()).contains("\"billing_customers\":0");
      HttpResponse<String> kept = billing.api("DELETE", "/api/billing/tenants/acme2", null);
      assertThat(kept.body()).contains("\"billing_customers\":1");
      assertThat(billing.api("DELETE", "/api/billing/tenants/acme%25", null).statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void refusesACustomerIdThatIsNotOne() throws Exception {
    try (RunningBilling billing = start(Map.of())) {
      HttpResponse<String> set =
          billing.api(
              "PUT", "/api/billing/tenants/acme/customer", "{\"stripe_customer_id\":\"acct_1\"}");
      assertThat(set.statusCode()).isEqualTo(400);
      assertThat(set.body()).contains("bad_customer");
    }
  }

  @Test
  void refusesToStartEnabledWithoutAKey() {
    assertThatThrownBy(
            () ->
                start(
                    Map.of(
                        "tenant-pulse.billing.enabled", "true",
                        "tenant-pulse.billing.stripe.secret-key", "")))
        .hasStackTraceContaining("STRIPE_SECRET_KEY");
  }

  private List<String> reconciliationTable() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT tenant_id, toString(meter), toString(hour), exported_units, difference_units,"
                    + " toString(status) FROM "
                    + tables.database()
                    + ".billing_reconciliation FINAL ORDER BY tenant_id, hour")) {
      while (rs.next()) {
        rows.add(
            rs.getString(1)
                + " "
                + rs.getString(2)
                + " "
                + rs.getString(3)
                + " "
                + rs.getLong(4)
                + " "
                + rs.getLong(5)
                + " "
                + rs.getString(6));
      }
    }
    return rows;
  }
}
