package dev.tenantpulse.standalone.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantpulse.scenario.generate.Scenario;
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
import dev.tenantpulse.tenancy.events.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The "done when": Tenant Pulse started as a user starts it (a process of its own, in a
 * fresh data directory), the scenario generator's events posted through the public HTTP API, the
 * metric tables read back through {@code /api/sql} and compared with the independent oracle, the
 * drop alert delivered to a local webhook exactly once; then a restart, the first fifth of the
 * events posted again (as a client retrying would), and the same tables and still one alert.
 *
 * <p>The scenario (150 tenants, 3 weeks, duplicates, disorder, a few late events, a third of the
 * tenants silent on the last day) is moved in time to end an hour before the current hour, so event
 * time and the wall clock agree: the job's idle rule (shortened to 5 s here with {@code --job
 * events.idle-timeout=5s}) then closes the last hour soon after the last event.
 */
class EndToEndTests {

  private static final String TOKEN = "e2e-admin-token-0123456789abcdef";
  private static final String KEY = "tp_e2e_server_key";
  private static final Duration START = Duration.ofMinutes(3);
  private static final int SIGTERM_EXIT = 143;

  /** Runs unless {@code -Dtenant.pulse.e2e=false}. */
  static final String ENABLE_PROPERTY = "tenant.pulse.e2e";

  @Test
  void aUsersRunMatchesTheOracleAlertsOnceAndSurvivesARestart() throws Exception {
    // About 2.5 minutes of the test command's time: the one test that runs the product as a user
    // does. Skip it only on purpose: -Dtenant.pulse.e2e=false.
    assumeTrue(
        !"false".equalsIgnoreCase(System.getProperty(ENABLE_PROPERTY)),
        "the end-to-end test was switched off with -D" + ENABLE_PROPERTY + "=false");
    assumeTrue(
        StandaloneProcess.hasClass("dev.tenantpulse.flink.job.TenantPulseJob"),
        "flink-jobs' TenantPulseJob is not on the class path of this build yet");
    assumeTrue(
        StandaloneProcess.hasClass("dev.tenantpulse.alerting.AlertingApplication"),
        "alerting's AlertingApplication is not on the class path of this build yet");
    RunningRuntime.stopIfRunning(); // the in-JVM runtime of other tests would compete for cores
    Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "e2e-");
    Path data = root.resolve("data");
    Files.createDirectories(data);
    List<ScenarioEvent> arrivals = scenario();
    ExpectedMetrics expected = MetricOracle.compute(arrivals, OracleOptions.streaming());

    try (RecordingWebhook webhook = new RecordingWebhook();
        StandaloneProcess process = new StandaloneProcess(data)) {
      writeRules(data.resolve("alerting-rules.yaml"), webhook.url());
      Endpoints first = process.start(START, arguments());
      post(first, arrivals);

      Tables tables = new Tables(first.console(), TOKEN);
      awaitOracle(tables, expected, Duration.ofMinutes(4), process);
      Poll.until(
          Duration.ofMinutes(2),
          () -> webhook.of("active_tenants_drop", "firing"),
          firing -> !firing.isEmpty(),
          "the active_tenants_drop alert at the webhook");

      // A JVM ended by SIGTERM exits 143 (128 + 15) once its shutdown hook has run; "Stopped." is
      // the hook's last line: everything stopped in order.
      assertThat(process.stop(Duration.ofMinutes(2)))
          .as(process.terminal())
          .isEqualTo(SIGTERM_EXIT);
      assertThat(process.terminal()).contains("Stopped.");

      Endpoints second = process.start(START, arguments());
      post(second, arrivals.subList(0, arrivals.size() / 5)); // retried: all duplicates
      awaitCaughtUp(second);
      Tables after = new Tables(second.console(), TOKEN);
      List<String> differences = OracleComparison.differences(after, expected);
      assertThat(differences).as(OracleComparison.first(differences)).isEmpty();

      List<JsonNode> firing = webhook.of("active_tenants_drop", "firing");
      assertThat(firing).hasSize(1);
      assertThat(firing.get(0).path("labels").isEmpty()).isTrue();

      edgeTimestampsLeaveThePipelineCounting(second, after);
      assertThat(process.stop(Duration.ofMinutes(2))).isEqualTo(SIGTERM_EXIT);
    }
  }

  private static List<String> arguments() {
    return FreePorts.with(
        "--admin-token", TOKEN,
        "--dev-key", KEY,
        "--job", "events.idle-timeout=60s");
  }

  /** The scenario, shifted to end one hour before the current hour. */
  private static List<ScenarioEvent> scenario() {
    ScenarioConfig config =
        new ScenarioConfig(
            42,
            150,
            21,
            ScenarioConfig.DEFAULT_START,
            20,
            0.35,
            ScenarioConfig.DEFAULT_DUPLICATE_RATE,
            6,
            ScenarioConfig.DEFAULT_MAX_DISORDER,
            5.0);
    Scenario scenario = ScenarioGenerator.generate(config);
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    Duration shift = Duration.between(config.end(), end);
    List<ScenarioEvent> shifted = new ArrayList<>();
    for (ScenarioEvent a : scenario.arrivals()) {
      shifted.add(a.shiftedBy(shift));
    }
    return shifted;
  }

  private static void writeRules(Path file, String url) throws Exception {
    Files.writeString(
        file,
        """
        channels:
          e2e-webhook: {type: webhook, url: "%s", secret: "e2e-secret-0123456789"}
        rules:
          active_tenants_drop:
            kind: active_tenants_drop
            description: Active tenants (24 h) fell against their weekly average
            params: {drop_ratio: 0.20, min_baseline: 10, overall: true, per_plan: false}
            for: 0s
            evaluation_interval: 5s
            repeat_interval: 4h
            no_data_after: 30d
            severity: critical
            channels: [e2e-webhook]
        """
            .formatted(url));
  }

  /** Posts the arrivals in their order, 500 per request, and checks every one was accepted. */
  private static void post(Endpoints endpoints, List<ScenarioEvent> arrivals) {
    EventCodec codec = new EventCodec();
    for (int from = 0; from < arrivals.size(); from += 500) {
      ObjectNode body = Http.JSON.createObjectNode();
      ArrayNode events = body.putArray("events");
      List<ScenarioEvent> batch = arrivals.subList(from, Math.min(arrivals.size(), from + 500));
      batch.forEach(a -> events.add(codec.toJson(a.event())));
      assertThat(postEvents(endpoints, body).path("accepted").asInt()).isEqualTo(batch.size());
    }
  }

  private static void awaitOracle(
      Tables tables, ExpectedMetrics expected, Duration deadline, StandaloneProcess process) {
    try {
      Poll.until(
          deadline,
          () -> OracleComparison.differences(tables, expected),
          List::isEmpty,
          "the metric tables to match the oracle");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n--- terminal ---\n" + process.terminal(), e);
    }
  }

  /**
   * 10,000 events with timestamps at and beyond every edge go through the collector: each is
   * accepted or rejected with a reason, none gets a 5xx, and afterwards the job still runs and a
   * fresh event still reaches {@code events} (one such event once stopped every metric for good).
   */
  private static void edgeTimestampsLeaveThePipelineCounting(Endpoints endpoints, Tables tables) {
    List<String> stamps = EdgeTimestamps.generate(12, 10_000, Instant.now());
    int accepted = 0;
    for (int from = 0; from < stamps.size(); from += 500) {
      ObjectNode body = Http.JSON.createObjectNode();
      ArrayNode events = body.putArray("events");
      for (int i = from; i < Math.min(stamps.size(), from + 500); i++) {
        events
            .addObject()
            .put("id", "edge-" + i)
            .put("type", "activity")
            .put("tenant_id", "edge-tenant-" + (i % 7))
            .put("timestamp", stamps.get(i));
      }
      JsonNode result = postEvents(endpoints, body);
      assertThat(result.path("accepted").asInt() + result.path("rejected").size())
          .isEqualTo(events.size());
      result.path("rejected").forEach(r -> assertThat(r.path("error").asString()).isNotBlank());
      accepted += result.path("accepted").asInt();
    }
    assertThat(accepted).as("edge events inside the bounds").isPositive();

    String fresh = "fresh-after-edges-" + System.nanoTime();
    ObjectNode last = Http.JSON.createObjectNode();
    last.putArray("events")
        .addObject()
        .put("id", fresh)
        .put("type", "activity")
        .put("tenant_id", "edge-tenant-0")
        .put("timestamp", Instant.now().toString());
    assertThat(postEvents(endpoints, last).path("accepted").asInt()).isEqualTo(1);
    long expected = accepted + 1L;
    Poll.until(
        Duration.ofMinutes(2),
        () ->
            tables.count(
                "SELECT uniqExact(event_id) FROM events WHERE tenant_id LIKE 'edge-tenant-%'"),
        n -> n == expected,
        "every accepted edge event and a fresh one after them in the events table");
    JsonNode pipeline = Http.get(endpoints.console() + "/api/pipeline", TOKEN).json();
    assertThat(pipeline.path("flink").path("state").asString()).isEqualTo("RUNNING");
  }

  /** Posts one {@code {"events": […]}} body with the server key; its answer, which must be 200. */
  private static JsonNode postEvents(Endpoints endpoints, ObjectNode body) {
    Http.Answer answer =
        Http.post(
            endpoints.collector() + "/v1/events",
            KEY,
            "application/json",
            Http.JSON.writeValueAsString(body));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json();
  }

  /** The restarted job restored its state and has read every event. */
  private static void awaitCaughtUp(Endpoints endpoints) {
    Poll.until(
        Duration.ofMinutes(3),
        () -> Http.get(endpoints.console() + "/api/pipeline", TOKEN).json(),
        s ->
            s.path("kafka").path("lag").asLong(-1) == 0
                && !s.path("flink").path("restored_from").asString("").isEmpty(),
        "the restarted job to restore its snapshot and commit every offset");
  }
}
