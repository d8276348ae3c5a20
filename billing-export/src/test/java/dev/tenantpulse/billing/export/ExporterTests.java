package dev.tenantpulse.billing.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.billing.ledger.Ledger;
import dev.tenantpulse.billing.ledger.SendState;
import dev.tenantpulse.billing.stripe.StripeClient;
import dev.tenantpulse.billing.stripe.StripeSecretKey;
import dev.tenantpulse.billing.support.FakeStripe;
import dev.tenantpulse.billing.support.MutableClock;
import dev.tenantpulse.billing.support.ScenarioUsage;
import dev.tenantpulse.billing.support.TestLedgers;
import dev.tenantpulse.billing.support.UsageTables;
import dev.tenantpulse.billing.usage.UsageSource;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExporterTests {

  static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();
  static final Instant HOUR = Instant.parse("2026-03-10T09:00:00Z");

  final MutableClock clock = new MutableClock(HOUR.plus(Duration.ofHours(3)));
  FakeStripe stripe;
  UsageTables tables;
  DataSource ledgerDb;

  @BeforeEach
  void setUp() throws Exception {
    stripe = new FakeStripe(clock);
    tables = UsageTables.fresh("billing");
    ledgerDb = TestLedgers.h2();
  }

  @AfterEach
  void tearDown() {
    stripe.close();
  }

  static ExportOptions fast() {
    return new ExportOptions(
        Duration.ofHours(1),
        Instant.parse("2026-01-01T00:00:00Z"),
        false,
        5_000,
        8,
        4,
        Duration.ofMillis(2),
        Duration.ofMillis(40));
  }

  Exporter exporter(DataSource ledger, ExportOptions options) {
    return new Exporter(
        new UsageSource(tables.target()),
        new Ledger(ledger),
        new StripeClient(
            stripe.baseUrl(), StripeSecretKey.of(FakeStripe.KEY), Duration.ofMillis(300)),
        CATALOG,
        clock,
        options,
        new BillingMetrics(new SimpleMeterRegistry()));
  }

  void load(ScenarioUsage usage) throws Exception {
    tables.writeHours(usage.rows());
    for (String tenant : usage.hours().stream().map(h -> h.tenantId()).distinct().toList()) {
      tables.signUp(tenant, ScenarioUsage.customerOf(tenant), usage.start());
      stripe.customers(ScenarioUsage.customerOf(tenant));
    }
  }

  @Test
  void stripeEndsUpHoldingTheScenariosUsagePerTenantMeterAndHour() throws Exception {
    ScenarioUsage usage = ScenarioUsage.of(7, 30, 8);
    load(usage);
    clock.set(usage.end().plus(Duration.ofHours(2)));

    CycleReport report = exporter(ledgerDb, fast()).runCycle();

    assertThat(report.stats().leftPending()).isEmpty();
    assertThat(stripe.allSums()).isEqualTo(usage.expectedAtStripe(CATALOG));
    assertThat(stripe.refusals()).isEmpty();
    // A second cycle finds nothing owed and calls nobody.
    long calls = stripe.calls();
    assertThat(exporter(ledgerDb, fast()).runCycle().planned()).isEmpty();
    assertThat(stripe.calls()).isEqualTo(calls);
  }

  @Test
  void neverMakesTwoCallsAtOnceForOneCustomerAndMeter() throws Exception {
    ScenarioUsage usage = ScenarioUsage.of(8, 15, 6);
    load(usage);
    clock.set(usage.end().plus(Duration.ofHours(2)));

    exporter(ledgerDb, fast()).runCycle();

    assertThat(stripe.concurrencyViolations()).isZero();
    assertThat(stripe.allSums()).isEqualTo(usage.expectedAtStripe(CATALOG));
  }

  @Test
  void aLateEventPastTheGraceIsSentAsExactlyOneCorrectingRevision() throws Exception {
    tables.signUp("acme", "cus_acme", HOUR.minus(Duration.ofDays(3)));
    stripe.customers("cus_acme");
    tables.writeHours(List.of(new UsageTables.Hour("acme", "api_calls", HOUR, 100)));
    exporter(ledgerDb, fast()).runCycle();
    long callsBefore = stripe.calls();

    // The pipeline re-emits the hour with a late event counted (a higher version replaces it).
    tables.writeHours(List.of(new UsageTables.Hour("acme", "api_calls", HOUR, 130)));
    clock.advance(Duration.ofHours(2));
    CycleReport report = exporter(ledgerDb, fast()).runCycle();

    assertThat(stripe.calls() - callsBefore).isEqualTo(1);
    assertThat(report.planned())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.revision()).isEqualTo(1);
              assertThat(s.units()).isEqualTo(30);
            });
    assertThat(stripe.sums("cus_acme", "api_calls"))
        .containsExactly(Map.entry(HOUR.getEpochSecond(), 130L));

    // A recompute that lowers it is a negative revision.
    tables.writeHours(List.of(new UsageTables.Hour("acme", "api_calls", HOUR, 90)));
    exporter(ledgerDb, fast()).runCycle();
    assertThat(stripe.sums("cus_acme", "api_calls"))
        .containsExactly(Map.entry(HOUR.getEpochSecond(), 90L));
    assertThat(new Ledger(ledgerDb).sendsOf("acme", 10))
        .extracting(s -> s.revision() + ":" + s.units() + ":" + s.state())
        .containsExactly("2:-40:SENT", "1:30:SENT", "0:100:SENT");
  }

  @Test
  void anHourIsNotSentBeforeTheGraceHasPassed() throws Exception {
    tables.signUp("acme", "cus_acme", HOUR.minus(Duration.ofDays(3)));
    stripe.customers("cus_acme");
    tables.writeHours(List.of(new UsageTables.Hour("acme", "api_calls", HOUR, 5)));
    clock.set(HOUR.plus(Duration.ofMinutes(119)));

    assertThat(exporter(ledgerDb, fast()).runCycle().planned()).isEmpty();

    clock.set(HOUR.plus(Duration.ofMinutes(120)));
    assertThat(exporter(ledgerDb, fast()).runCycle().planned()).hasSize(1);
  }

  @Test
  void aTenantWithoutCustomerIsReportedAndNotSent() throws Exception {
    tables.signUp("acme", "cus_acme", HOUR.minus(Duration.ofDays(3)));
    stripe.customers("cus_acme");
    tables.writeHours(
        List.of(
            new UsageTables.Hour("acme", "api_calls", HOUR, 5),
            new UsageTables.Hour("nocus", "api_calls", HOUR, 7)));

    CycleReport report = exporter(ledgerDb, fast()).runCycle();

    assertThat(report.skippedTenants()).containsExactly("nocus");
    assertThat(stripe.allSums()).containsOnlyKeys("cus_acme|api_calls");

    // Once an operator names its customer, what it owes goes out.
    stripe.customers("cus_late");
    new Ledger(ledgerDb).setCustomer("nocus", "cus_late", clock.millis());
    exporter(ledgerDb, fast()).runCycle();
    assertThat(stripe.sums("cus_late", "api_calls"))
        .containsExactly(Map.entry(HOUR.getEpochSecond(), 7L));
  }

  @Test
  void aRefusalStopsThatTenantWithTheReasonAndNoOther() throws Exception {
    tables.signUp("acme", "cus_acme", HOUR.minus(Duration.ofDays(3)));
    tables.signUp("ghost", "cus_deleted", HOUR.minus(Duration.ofDays(3)));
    stripe.customers("cus_acme");
    tables.writeHours(
        List.of(
            new UsageTables.Hour("acme", "api_calls", HOUR, 5),
            new UsageTables.Hour("ghost", "api_calls", HOUR, 7),
            new UsageTables.Hour("ghost", "api_calls", HOUR.minus(Duration.ofHours(1)), 3)));

    CycleReport report = exporter(ledgerDb, fast()).runCycle();

    assertThat(report.stoppedTenants()).containsOnlyKeys("ghost");
    assertThat(report.stoppedTenants().get("ghost"))
        .contains("HTTP 400")
        .contains("No such customer");
    assertThat(report.stats().refused()).hasSize(1);
    assertThat(stripe.allSums()).containsOnlyKeys("cus_acme|api_calls");
    // Stopped: the next cycle does not call Stripe for it again.
    long calls = stripe.calls();
    exporter(ledgerDb, fast()).runCycle();
    assertThat(stripe.calls()).isEqualTo(calls);

    // The operator fixes the customer and lifts the stop: everything owed goes to the new one.
    stripe.customers("cus_ghost2");
    Ledger ledger = new Ledger(ledgerDb);
    ledger.setCustomer("ghost", "cus_ghost2", clock.millis());
    assertThat(ledger.resume("ghost")).isTrue();
    exporter(ledgerDb, fast()).runCycle();
    assertThat(stripe.sums("cus_ghost2", "api_calls"))
        .containsOnly(
            Map.entry(HOUR.getEpochSecond(), 7L), Map.entry(HOUR.getEpochSecond() - 3600, 3L));
  }

  @Test
  void rateLimitStormsSlowTheExportButLoseNothing() throws Exception {
    ScenarioUsage usage = ScenarioUsage.of(9, 15, 6);
    load(usage);
    clock.set(usage.end().plus(Duration.ofHours(2)));
    stripe.rateLimitShare(0.6);

    int cycles = 0;
    CycleReport report;
    do {
      report = exporter(ledgerDb, fast()).runCycle();
      cycles++;
    } while (!report.planned().isEmpty() && cycles < 20);

    assertThat(stripe.rateLimited()).isGreaterThan(usage.hours().size() / 2);
    // A call slowed past the client's timeout by the storm may be repeated: Stripe (and the fake)
    // count its identifier once, so the sums are exact either way.
    assertThat(stripe.allSums()).isEqualTo(usage.expectedAtStripe(CATALOG));
  }

  @Test
  void timeoutsAndDroppedConnectionsAfterStripeAcceptedCountOnce() throws Exception {
    tables.signUp("acme", "cus_acme", HOUR.minus(Duration.ofDays(3)));
    stripe.customers("cus_acme").hang(Duration.ofMillis(600));
    tables.writeHours(
        List.of(
            new UsageTables.Hour("acme", "api_calls", HOUR, 5),
            new UsageTables.Hour("acme", "api_calls", HOUR.minus(Duration.ofHours(1)), 6),
            new UsageTables.Hour("acme", "storage_gb", HOUR, 0.5)));
    stripe
        .failNext(FakeStripe.Fault.TIMEOUT_AFTER_ACCEPT, 1)
        .failNext(FakeStripe.Fault.DROP_AFTER_ACCEPT, 1)
        .failNext(FakeStripe.Fault.SERVER_ERROR, 1);

    exporter(ledgerDb, fast()).runCycle();

    // The two calls Stripe had accepted before the answer was lost are repeated, and not counted.
    assertThat(stripe.duplicates()).isGreaterThanOrEqualTo(2);
    assertThat(stripe.sums("cus_acme", "api_calls"))
        .containsOnly(
            Map.entry(HOUR.getEpochSecond(), 5L), Map.entry(HOUR.getEpochSecond() - 3600, 6L));
    assertThat(stripe.sums("cus_acme", "storage_gb_thousandths"))
        .containsOnly(Map.entry(HOUR.getEpochSecond(), 500L));
  }

  @Test
  void windowsOlderThanStripesThirtyFiveDaysAreNeverSentAndAreReported() throws Exception {
    Instant old = HOUR.minus(Duration.ofDays(36));
    tables.signUp("acme", "cus_acme", old.minus(Duration.ofDays(3)));
    stripe.customers("cus_acme");
    tables.writeHours(
        List.of(
            new UsageTables.Hour("acme", "api_calls", old, 5),
            new UsageTables.Hour("acme", "api_calls", HOUR, 6)));

    CycleReport report = exporter(ledgerDb, fast()).runCycle();

    assertThat(report.expired())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.key().windowStart()).isEqualTo(old.getEpochSecond());
              assertThat(b.owedUnits()).isEqualTo(5);
            });
    assertThat(stripe.sums("cus_acme", "api_calls")).containsOnlyKeys(HOUR.getEpochSecond());
    assertThat(stripe.refusals()).isEmpty();
  }

  @Test
  void aDryRunReportsWhatItWouldSendAndSendsAndRecordsNothing() throws Exception {
    tables.signUp("acme", "cus_acme", HOUR.minus(Duration.ofDays(3)));
    stripe.customers("cus_acme");
    tables.writeHours(List.of(new UsageTables.Hour("acme", "api_calls", HOUR, 5)));

    CycleReport report = exporter(ledgerDb, fast().withDryRun(true)).runCycle();

    assertThat(report.planned()).singleElement().satisfies(s -> assertThat(s.units()).isEqualTo(5));
    assertThat(stripe.calls()).isZero();
    assertThat(new Ledger(ledgerDb).sendsOf("acme", 10)).isEmpty();
    assertThat(exporter(ledgerDb, fast()).runCycle().planned()).hasSize(1);
  }

  @Test
  void fractionalUsageCarriesItsRemainderSoTheMonthSumsExactly() throws Exception {
    tables.signUp("acme", "cus_acme", HOUR.minus(Duration.ofDays(3)));
    stripe.customers("cus_acme");
    // 0.0006 GB per hour: each hour alone is under one unit (0.001 GB) and would round to nothing.
    List<UsageTables.Hour> hours =
        java.util.stream.IntStream.range(0, 10)
            .mapToObj(
                i ->
                    new UsageTables.Hour(
                        "acme", "storage_gb", HOUR.minus(Duration.ofHours(i)), 0.0006))
            .toList();
    tables.writeHours(hours);

    exporter(ledgerDb, fast()).runCycle();

    Map<Long, Long> sums = stripe.sums("cus_acme", "storage_gb_thousandths");
    // 10 x 0.0006 = 0.006 GB = 6 units, however the hours split it.
    assertThat(sums.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
    assertThat(sums.values()).allMatch(v -> v == 0 || v == 1);
    assertThat(new Ledger(ledgerDb).sendsOf("acme", 20)).allMatch(s -> s.state() == SendState.SENT);
  }

  @Test
  void killedAtRandomPointsAndRestartedItStillSendsEveryUnitExactlyOnce() throws Exception {
    ScenarioUsage usage = ScenarioUsage.of(11, 15, 6);
    load(usage);
    clock.set(usage.end().plus(Duration.ofHours(2)));
    java.util.Random random = new java.util.Random(42);
    stripe.rateLimitShare(0.1).hang(Duration.ofMillis(400));

    int kills = 0;
    for (int run = 0; run < 60; run++) {
      if (random.nextInt(4) == 0) {
        stripe.failNext(
            random.nextBoolean()
                ? FakeStripe.Fault.DROP_AFTER_ACCEPT
                : FakeStripe.Fault.TIMEOUT_AFTER_ACCEPT,
            1);
      }
      // The first runs die within their first five ledger connections, while most of the work is
      // still ahead: how far a later run gets depends on which Stripe calls time out, so the kills
      // this test is about must not depend on that timing.
      int lives = run < 5 ? random.nextInt(1, 6) : random.nextInt(1, 40);
      var killable = new dev.tenantpulse.billing.support.KillableDataSource(ledgerDb, lives);
      try {
        CycleReport report = exporter(killable, fast()).runCycle();
        if (report.planned().isEmpty() && !killable.killed()) {
          break;
        }
      } catch (RuntimeException e) {
        kills++;
      }
    }
    // One clean run to the end.
    for (int i = 0; i < 10 && !exporter(ledgerDb, fast()).runCycle().planned().isEmpty(); i++) {}

    assertThat(kills).isGreaterThan(3);
    assertThat(stripe.allSums()).isEqualTo(usage.expectedAtStripe(CATALOG));
    assertThat(stripe.concurrencyViolations()).isZero();
  }
}
