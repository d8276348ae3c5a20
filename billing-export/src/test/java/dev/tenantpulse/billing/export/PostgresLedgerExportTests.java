package dev.tenantpulse.billing.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.billing.ledger.Ledger;
import dev.tenantpulse.billing.stripe.StripeClient;
import dev.tenantpulse.billing.stripe.StripeSecretKey;
import dev.tenantpulse.billing.support.FakeStripe;
import dev.tenantpulse.billing.support.KillableDataSource;
import dev.tenantpulse.billing.support.MutableClock;
import dev.tenantpulse.billing.support.ScenarioUsage;
import dev.tenantpulse.billing.support.TestPostgres;
import dev.tenantpulse.billing.support.UsageTables;
import dev.tenantpulse.billing.usage.UsageSource;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The exporter with its ledger on PostgreSQL (production's metadata database), killed at random
 * points: the same guarantees as on H2. Skipped, saying so, where no PostgreSQL server answers.
 */
class PostgresLedgerExportTests {

  @Test
  void killedAtRandomPointsWithAPostgresLedgerStripeStillHoldsEveryUnitOnce() throws Exception {
    try (TestPostgres postgres = new TestPostgres()) {
      postgres.require();
      DataSource ledgerDb = postgres.ledger();
      PlanCatalog catalog = PlanCatalog.defaultCatalog();
      ScenarioUsage usage = ScenarioUsage.of(12, 15, 6);
      MutableClock clock = new MutableClock(usage.end().plus(Duration.ofHours(2)));
      UsageTables tables = UsageTables.fresh("billing_pg");
      try (FakeStripe stripe = new FakeStripe(clock)) {
        tables.writeHours(usage.rows());
        for (String tenant : usage.hours().stream().map(h -> h.tenantId()).distinct().toList()) {
          tables.signUp(tenant, ScenarioUsage.customerOf(tenant), usage.start());
          stripe.customers(ScenarioUsage.customerOf(tenant));
        }
        stripe.hang(Duration.ofMillis(400));
        Random random = new Random(7);
        int kills = 0;
        for (int run = 0; run < 40; run++) {
          if (random.nextInt(3) == 0) {
            stripe.failNext(FakeStripe.Fault.DROP_AFTER_ACCEPT, 1);
          }
          KillableDataSource killable = new KillableDataSource(ledgerDb, random.nextInt(1, 40));
          try {
            if (exporter(tables, stripe, killable, clock, catalog).runCycle().planned().isEmpty()
                && !killable.killed()) {
              break;
            }
          } catch (RuntimeException e) {
            kills++;
          }
        }
        for (int i = 0;
            i < 10
                && !exporter(tables, stripe, ledgerDb, clock, catalog)
                    .runCycle()
                    .planned()
                    .isEmpty();
            i++) {}

        assertThat(kills).isGreaterThan(2);
        assertThat(stripe.allSums()).isEqualTo(usage.expectedAtStripe(catalog));
      }
    }
  }

  private static Exporter exporter(
      UsageTables tables,
      FakeStripe stripe,
      DataSource ledger,
      MutableClock clock,
      PlanCatalog catalog) {
    return new Exporter(
        new UsageSource(tables.target()),
        new Ledger(ledger),
        new StripeClient(
            stripe.baseUrl(), StripeSecretKey.of(FakeStripe.KEY), Duration.ofMillis(300)),
        catalog,
        clock,
        new ExportOptions(
            Duration.ofHours(1),
            Instant.parse("2026-01-01T00:00:00Z"),
            false,
            5_000,
            8,
            4,
            Duration.ofMillis(2),
            Duration.ofMillis(40)),
        new BillingMetrics(new SimpleMeterRegistry()));
  }
}
