package dev.tenantpulse.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantpulse.billing.support.FakeStripe;
import dev.tenantpulse.billing.support.ScenarioUsage;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.standalone.Endpoints;
import dev.tenantpulse.standalone.support.FreePorts;
import dev.tenantpulse.standalone.support.Http;
import dev.tenantpulse.standalone.support.Poll;
import dev.tenantpulse.standalone.support.RunningRuntime;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Usage billing through the whole pipeline (issue 15's first test): Tenant Pulse started as a user
 * starts it with billing on ({@code TENANT_PULSE_BILLING_ENABLED=true}, {@code STRIPE_SECRET_KEY},
 * the Stripe API base pointed at a local {@link FakeStripe}), a small scenario posted to the
 * collector, through Kafka and the Flink job into {@code usage_hourly} on chDB, and out of the
 * exporter to the fake. Stripe must end up holding, per customer, meter and hour, exactly the
 * oracle's usage in the meter's export units.
 *
 * <p>Time: the scenario is moved to end an hour before the current hour, so every hour of it is
 * past the exporter's default grace (1 h) and within Stripe's 35 days, and the job's idle rule
 * (shortened to 5 s) closes the last hour soon after the last event.
 *
 * <p>Lateness: the job counts events up to 3 h late here while the exporter keeps its 1 h grace.
 * With both at their defaults (1 h each) an event the job still counts can reach an hour the
 * exporter already sent only in the 30 s of the disorder bound by which the watermark trails the
 * wall clock; a lateness above the grace (an operator billing sooner than the pipeline stops
 * counting) makes that case wide enough to test without racing the clock.
 */
class BillingEndToEndTests {

  private static final String TOKEN = "billing-e2e-admin-token-0123456789";
  private static final String KEY = "tp_billing_e2e_server_key";
  private static final Duration LATENESS = Duration.ofHours(3);
  private static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();

  private static FakeStripe stripe;
  private static StandaloneProcess process;
  private static Endpoints endpoints;
  private static ScenarioUsage usage;
  private static Instant scenarioStart;
  private static Instant scenarioEnd;
  private static Set<String> tenantsWithCustomer;
  private static Set<String> tenantsWithoutCustomer;

  /**
   * Events this class posted after the scenario (counted by the job): customer|meter → hour →
   * units.
   */
  private static final Map<String, Map<Long, Long>> posted = new TreeMap<>();

  @BeforeAll
  static void startWithBillingOn() throws Exception {
    assumeTrue(
        !"false".equalsIgnoreCase(System.getProperty(EndToEndTests.ENABLE_PROPERTY)),
        "the end-to-end tests were switched off with -D"
            + EndToEndTests.ENABLE_PROPERTY
            + "=false");
    assumeTrue(
        StandaloneProcess.hasClass("dev.tenantpulse.flink.job.TenantPulseJob"),
        "flink-jobs' TenantPulseJob is not on the class path of this build yet");
    RunningRuntime.stopIfRunning(); // the in-JVM runtime of other tests would compete for cores

    List<ScenarioEvent> moved = scenario();
    ExpectedMetrics expected =
        MetricOracle.compute(moved, OracleOptions.streaming().withLateness(LATENESS));
    usage = new ScenarioUsage(expected.usageHours(), scenarioStart, scenarioEnd);
    // Every tenant with billed usage is billed, but one: its signup names no customer.
    Set<String> billed = new TreeSet<>();
    expected.usageHours().stream()
        .filter(h -> CATALOG.billingMeter(h.meter()).isPresent())
        .forEach(h -> billed.add(h.tenantId()));
    assertThat(usage.expectedAtStripe(CATALOG).values().stream().mapToInt(Map::size).sum())
        .as("billed hours of the scenario (too few prove nothing)")
        .isGreaterThanOrEqualTo(40);
    String unbilled = billed.iterator().next();
    List<ScenarioEvent> arrivals = new ArrayList<>();
    for (ScenarioEvent a : moved) {
      TenantEvent e = a.event();
      if (e.type() == EventType.TENANT_SIGNED_UP && !e.tenantId().equals(unbilled)) {
        e = e.toBuilder().stripeCustomerId(ScenarioUsage.customerOf(e.tenantId())).build();
      }
      arrivals.add(new ScenarioEvent(e, a.receivedAt(), a.duplicate(), a.late()));
    }
    tenantsWithCustomer = new TreeSet<>();
    arrivals.stream()
        .map(ScenarioEvent::event)
        .filter(e -> e.stripeCustomerId() != null)
        .forEach(e -> tenantsWithCustomer.add(e.tenantId()));
    // the unbilled one, and any that never signed up
    tenantsWithoutCustomer = new TreeSet<>(billed);
    tenantsWithoutCustomer.removeAll(tenantsWithCustomer);

    stripe = new FakeStripe(Clock.systemUTC());
    tenantsWithCustomer.forEach(t -> stripe.customers(ScenarioUsage.customerOf(t)));
    Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "billing-e2e-");
    Path data = root.resolve("data");
    Files.createDirectories(data);
    process =
        new StandaloneProcess(
            data,
            Map.of(
                "TENANT_PULSE_BILLING_ENABLED",
                "true",
                "STRIPE_SECRET_KEY",
                FakeStripe.KEY,
                "TENANT_PULSE_BILLING_STRIPE_API_BASE",
                stripe.baseUrl().toString(),
                "TENANT_PULSE_BILLING_INTERVAL",
                "2s",
                "TENANT_PULSE_BILLING_CALLS_PER_SECOND",
                "200",
                // the scenario may begin in the previous month (the default starts with this one)
                "TENANT_PULSE_BILLING_BACKFILL_FROM",
                usage.start().atZone(ZoneOffset.UTC).toLocalDate().toString()));
    endpoints =
        process.start(
            Duration.ofMinutes(3),
            FreePorts.with(
                "--admin-token",
                TOKEN,
                "--dev-key",
                KEY,
                "--job",
                "events.idle-timeout=5s",
                "--job",
                "events.allowed-lateness=" + LATENESS.toHours() + "h"));
    post(arrivals.stream().map(ScenarioEvent::event).toList());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (process != null) {
        process.stop(Duration.ofMinutes(2));
      }
    } finally {
      if (process != null) {
        process.close();
      }
      if (stripe != null) {
        stripe.close();
      }
    }
  }

  @Test
  void stripeEndsWithTheOraclesUsagePerCustomerMeterAndHour() throws Exception {
    assertThat(endpoints.billing()).as("the billing export's API in endpoints.json").isNotNull();

    awaitSettled(expectedAtStripe());

    assertThat(stripe.refusals()).isEmpty();
    assertThat(stripe.concurrencyViolations()).isZero();
    JsonNode status = billingStatus();
    assertThat(status.path("last_error").isNull() || status.path("last_error").isMissingNode())
        .as(status.toString())
        .isTrue();
    List<String> skipped = new ArrayList<>();
    status.path("skipped_tenants").forEach(t -> skipped.add(t.asString()));
    assertThat(skipped).containsExactlyInAnyOrderElementsOf(tenantsWithoutCustomer);

    // What people read agrees: every billed tenant's months exported in full, the other's owed.
    Map<String, Long> exportedUnits = new TreeMap<>();
    for (JsonNode row : reconciliation()) {
      String tenant = row.path("tenant_id").asString();
      String customerMeter =
          ScenarioUsage.customerOf(tenant)
              + "|"
              + CATALOG.billingMeter(row.path("meter").asString()).orElseThrow().stripeEventName();
      exportedUnits.merge(customerMeter, row.path("exported_units").asLong(), Long::sum);
      if (tenantsWithoutCustomer.contains(tenant)) {
        assertThat(row.path("status").asString()).as(row.toString()).isEqualTo("no_customer");
        assertThat(row.path("difference_units").asLong())
            .as(row.toString())
            .isEqualTo(row.path("measured_units").asLong());
      } else {
        assertThat(row.path("status").asString()).as(row.toString()).isEqualTo("exported");
        assertThat(row.path("difference_units").asLong()).as(row.toString()).isZero();
      }
    }
    Map<String, Long> expectedUnits = new TreeMap<>();
    expectedAtStripe()
        .forEach(
            (key, hours) ->
                expectedUnits.put(key, hours.values().stream().mapToLong(Long::longValue).sum()));
    exportedUnits.values().removeIf(units -> units == 0);
    assertThat(exportedUnits).isEqualTo(expectedUnits);

    // Settled means settled: a whole cycle later nothing more went out.
    long calls = stripe.calls();
    awaitWholeCycleAfter(Instant.now());
    assertThat(stripe.calls()).isEqualTo(calls);
    assertThat(differences(expectedAtStripe(), stripe.allSums())).isEmpty();
  }

  @Test
  void aLateEventAfterItsHourWasSentIsExactlyOneCorrectingEvent() throws Exception {
    // The last hour of the scenario, for a billed tenant: past the grace, within the lateness.
    // Usage of its own first, so the hour has surely been sent before the late event comes.
    Instant hour = scenarioEnd.minus(Duration.ofHours(1));
    String tenant = tenantsWithCustomer.iterator().next();
    String customer = ScenarioUsage.customerOf(tenant);
    TenantEvent first =
        TenantEvent.builder(EventType.USAGE, "billing-e2e-first", tenant, hour.plusSeconds(600))
            .meter("api_calls")
            .quantity(40.0)
            .build();
    post(List.of(first));
    record(customer, "api_calls", hour, 40);
    awaitSettled(expectedAtStripe());
    long accepted = stripe.accepted();

    TenantEvent late =
        TenantEvent.builder(
                EventType.USAGE, "billing-e2e-late", tenant, hour.plus(Duration.ofMinutes(50)))
            .meter("api_calls")
            .quantity(7.0)
            .build();
    post(List.of(late));
    record(customer, "api_calls", hour, 7);
    awaitSettled(expectedAtStripe());
    awaitWholeCycleAfter(Instant.now());

    // One new identifier, whatever retries a slow machine needed to get it there.
    assertThat(stripe.accepted() - accepted).as("meter events accepted for the late one").isOne();
    assertThat(stripe.sums(customer, "api_calls").get(hour.getEpochSecond()))
        .isEqualTo(expectedAtStripe().get(customer + "|api_calls").get(hour.getEpochSecond()));
  }

  /** The scenario, moved to end an hour before the current hour. */
  private static List<ScenarioEvent> scenario() {
    ScenarioConfig config =
        new ScenarioConfig(
            15,
            40,
            4,
            ScenarioConfig.DEFAULT_START,
            3,
            0.3,
            0.02,
            0,
            Duration.ofMinutes(5),
            4.0,
            0.85);
    scenarioEnd = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    Duration shift = Duration.between(config.end(), scenarioEnd);
    scenarioStart = config.start().plus(shift);
    List<ScenarioEvent> shifted = new ArrayList<>();
    for (ScenarioEvent a : ScenarioGenerator.generate(config).arrivals()) {
      shifted.add(a.shiftedBy(shift));
    }
    return shifted;
  }

  /** The oracle's usage of billed tenants in export units, plus what the tests posted since. */
  private static Map<String, Map<Long, Long>> expectedAtStripe() {
    Map<String, Map<Long, Long>> expected = new TreeMap<>();
    usage
        .expectedAtStripe(CATALOG)
        .forEach(
            (key, hours) -> {
              if (tenantsWithCustomer.stream()
                  .anyMatch(t -> key.startsWith(ScenarioUsage.customerOf(t) + "|"))) {
                expected.put(key, new TreeMap<>(hours));
              }
            });
    synchronized (posted) {
      posted.forEach(
          (key, hours) ->
              hours.forEach(
                  (hour, units) ->
                      expected
                          .computeIfAbsent(key, k -> new TreeMap<>())
                          .merge(hour, units, Long::sum)));
    }
    return expected;
  }

  private static void record(String customer, String meter, Instant hour, long units) {
    synchronized (posted) {
      posted
          .computeIfAbsent(customer + "|" + meter, k -> new TreeMap<>())
          .merge(hour.getEpochSecond(), units, Long::sum);
    }
  }

  /**
   * Until the fake holds {@code expected} and the exporter owes nothing more than the hours of the
   * tenants without a customer (skipped, so they stay pending: the {@code billing_export_pending}
   * gauge counts them, the built-in stall alert does not).
   */
  private static void awaitSettled(Map<String, Map<Long, Long>> expected) {
    long unbilledHours = unbilledHours();
    try {
      Poll.until(
          Duration.ofMinutes(3),
          () -> differences(expected, stripe.allSums()),
          List::isEmpty,
          "the fake Stripe's sums to equal the oracle's usage");
      Poll.until(
          Duration.ofMinutes(1),
          () -> billingStatus().path("pending_windows").asLong(-1),
          pending -> pending == unbilledHours,
          "the exporter to owe only the " + unbilledHours + " hours of tenants without customer");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n--- terminal ---\n" + process.terminal(), e);
    }
  }

  /** Billed hours (units other than 0) of the tenants without a customer, by the oracle. */
  private static long unbilledHours() {
    Map<String, Map<Long, Long>> all = usage.expectedAtStripe(CATALOG);
    long hours = 0;
    for (String tenant : tenantsWithoutCustomer) {
      for (var e : all.entrySet()) {
        if (e.getKey().startsWith(ScenarioUsage.customerOf(tenant) + "|")) {
          hours += e.getValue().size();
        }
      }
    }
    return hours;
  }

  /** Waits until a cycle that started after {@code mark} has finished. */
  private static void awaitWholeCycleAfter(Instant mark) {
    Instant first =
        Poll.until(
            Duration.ofMinutes(1),
            BillingEndToEndTests::lastCycleAt,
            at -> at != null && at.isAfter(mark),
            "an export cycle after " + mark);
    Poll.until(
        Duration.ofMinutes(1),
        BillingEndToEndTests::lastCycleAt,
        at -> at != null && at.isAfter(first),
        "an export cycle after " + first);
  }

  private static Instant lastCycleAt() {
    JsonNode at = billingStatus().path("last_cycle_at");
    return at.isString() ? Instant.parse(at.asString()) : null;
  }

  /** Measured against exported per tenant, meter and month since the scenario's first day. */
  private static JsonNode reconciliation() {
    Http.Answer answer =
        Http.get(
            endpoints.billing()
                + "/api/billing/reconciliation?period=month&from="
                + scenarioStart.atZone(ZoneOffset.UTC).toLocalDate(),
            TOKEN);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  private static JsonNode billingStatus() {
    Http.Answer answer = Http.get(endpoints.billing() + "/api/billing/status", TOKEN);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** The first few (customer|meter, hour) whose sums differ, as text. */
  static List<String> differences(
      Map<String, Map<Long, Long>> expected, Map<String, Map<Long, Long>> actual) {
    List<String> out = new ArrayList<>();
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      Map<Long, Long> e = expected.getOrDefault(key, Map.of());
      Map<Long, Long> a = actual.getOrDefault(key, Map.of());
      Set<Long> hours = new TreeSet<>(e.keySet());
      hours.addAll(a.keySet());
      for (long hour : hours) {
        long want = e.getOrDefault(hour, 0L);
        long got = a.getOrDefault(hour, 0L);
        if (want != got) {
          out.add(key + " " + Instant.ofEpochSecond(hour) + ": expected " + want + ", got " + got);
        }
      }
    }
    return out.size() > 5 ? List.of(out.size() + " differ, first: " + out.subList(0, 5)) : out;
  }

  /**
   * Posts the events in their order, 500 per request, with the server key; all must be accepted.
   */
  private static void post(List<TenantEvent> events) {
    EventCodec codec = new EventCodec();
    for (int from = 0; from < events.size(); from += 500) {
      ObjectNode body = Http.JSON.createObjectNode();
      ArrayNode array = body.putArray("events");
      List<TenantEvent> batch = events.subList(from, Math.min(events.size(), from + 500));
      batch.forEach(e -> array.add(codec.toJson(e)));
      Http.Answer answer =
          Http.post(
              endpoints.collector() + "/v1/events",
              KEY,
              "application/json",
              Http.JSON.writeValueAsString(body));
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.json().path("accepted").asInt()).as(answer.body()).isEqualTo(batch.size());
    }
  }
}
