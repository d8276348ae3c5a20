package dev.tenantpulse.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantpulse.alerting.evaluation.EvaluationService;
import dev.tenantpulse.alerting.notify.outbox.OutboxStore;
import dev.tenantpulse.alerting.rules.RulesRepository;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.MutableClock;
import dev.tenantpulse.alerting.support.RecordingHttpServer;
import dev.tenantpulse.alerting.support.RunningAlerting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14's "no page for nothing": a fresh install (empty metric tables) does not notify no_data
 * before its tables had a first row or the first-data grace (default 3 h, from the install's first
 * evaluation) has passed; a broken pipeline still pages after it. Each test is its own install: a
 * fresh metadata database (see the subclasses) and a fresh chDB database; restarts are new
 * application contexts on the same metadata.
 */
abstract class FirstDataContract {

  static final Instant T0 = Instant.parse("2026-11-27T10:20:00Z");
  static final String RULE = "active_tenants_drop";
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  MutableClock clock = new MutableClock(T0);
  MetricTables tables;
  RecordingHttpServer receiver;
  RunningAlerting app;

  /** Spring properties pointing the metadata database at this test's own install. */
  abstract Map<String, String> metadata();

  @BeforeEach
  void install() throws IOException {
    tables = MetricTables.fresh("first_data");
    receiver = new RecordingHttpServer(200);
    Files.writeString(dir.resolve("rules.yaml"), rules("2h"));
    app = start();
  }

  @AfterEach
  void uninstall() {
    if (app != null) {
      app.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  /** The one rule, overall only, paging the test's webhook receiver. */
  private String rules(String noDataAfter) {
    return """
        channels:
          hook: {type: webhook, url: "%s", secret: first-data-secret-0123456789}
        rules:
          active_tenants_drop:
            {for: 0s, no_data_after: %s, params: {per_plan: false}, channels: [hook]}
        """
        .formatted(receiver.url("/hook"), noDataAfter);
  }

  private RunningAlerting start() {
    Map<String, String> p = new HashMap<>(metadata());
    p.put("spring.quartz.auto-startup", "false");
    p.put("tenant-pulse.alerting.rules-file", dir.resolve("rules.yaml").toString());
    return RunningAlerting.start(tables.database(), clock, p);
  }

  /** Stops this process and starts a new one on the same metadata and tables. */
  private void restart() {
    app.close();
    app = start();
  }

  private int evaluate() {
    return app.bean(EvaluationService.class).evaluate(RULE, null).notifications();
  }

  /** The webhook deliveries, once the outbox has sent everything decided so far. */
  private List<String> delivered() {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.bean(OutboxStore.class).pendingCount() == 0);
    return receiver.requests().stream()
        .map(r -> JSON.readTree(r.text()).get("status").asString())
        .toList();
  }

  private JsonNode get(String path) {
    var response = app.api("GET", path, null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void aFreshInstallWaitsForItsFirstDataInsteadOfNotifyingNoData() {
    assertThat(evaluate()).isZero();
    clock.advance(Duration.ofHours(2).plusMinutes(59));
    assertThat(evaluate()).isZero();

    assertThat(delivered()).isEmpty();
    assertThat(get("/api/alerts")).isEmpty(); // nothing for on-call
    JsonNode rule = get("/api/alerts?all=true&rule=" + RULE);
    assertThat(rule).hasSize(1);
    assertThat(rule.get(0).get("status").asString()).isEqualTo("inactive");
    assertThat(rule.get(0).get("summary").asString())
        .startsWith("waiting for first data: ")
        .contains("2026-11-27T13:20:00Z");
    assertThat(get("/api/evaluations?rule=" + RULE).get(0).get("detail").asString())
        .contains("waiting for first data");
  }

  @Test
  void aTableStillCatchingUpInsideTheGraceWaitsAndPagesOnceTheGraceIsOver() {
    evaluate();
    Instant hour = Instant.parse("2026-11-27T11:00:00Z");
    tables.activeHour(hour, 100, 100.0, 0.0);
    clock.set(hour.plusSeconds(60));
    assertThat(evaluate()).isZero();

    // The rule allows 30 minutes; the newest hour is older than that, but the install is still
    // inside its start-up grace (a first start or a backfill catching up): it waits.
    app.bean(RulesRepository.class).replace(RulesRepository.tree(rules("30m"), "test"), "test");
    clock.set(hour.plus(Duration.ofMinutes(31)));
    assertThat(evaluate()).isZero();
    assertThat(delivered()).isEmpty();
    assertThat(get("/api/alerts?all=true").toString()).contains("catching up");

    clock.set(T0.plus(Duration.ofHours(3)));
    assertThat(evaluate()).isEqualTo(1);
    assertThat(delivered()).containsExactly("no_data");
    assertThat(get("/api/alerts").get(0).get("summary").asString())
        .contains("stopped being written");
  }

  @Test
  void aTableThatStopsAfterTheGraceIsNoDataByItsNoDataAfter() {
    clock.set(T0);
    evaluate();
    Instant hour = T0.plus(Duration.ofHours(4)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    tables.activeHour(hour, 100, 100.0, 0.0);
    app.bean(RulesRepository.class).replace(RulesRepository.tree(rules("30m"), "test"), "test");
    clock.set(hour.plusSeconds(60));
    assertThat(evaluate()).isZero();
    clock.set(hour.plus(Duration.ofMinutes(31)));
    assertThat(evaluate()).isEqualTo(1);
    assertThat(delivered()).containsExactly("no_data");
  }

  @Test
  void aTableThatNeverHadDataIsNoDataOnceTheGraceHasPassed() {
    evaluate();
    clock.advance(Duration.ofHours(3));
    assertThat(evaluate()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(5));
    assertThat(evaluate()).isZero(); // already said; repeats follow repeat_interval

    assertThat(delivered()).containsExactly("no_data");
    JsonNode alert = get("/api/alerts").get(0);
    assertThat(alert.get("status").asString()).isEqualTo("no_data");
    assertThat(alert.get("summary").asString())
        .startsWith("no data: ")
        .contains("no row yet", "2026-11-27T10:20:00Z");
  }

  @Test
  void aRestartInsideTheGraceKeepsTheFirstEvaluationAndDoesNotNotifyTwice() {
    evaluate();
    clock.advance(Duration.ofHours(2));
    restart();
    assertThat(evaluate()).isZero(); // the grace did not start again at the restart

    clock.set(T0.plus(Duration.ofHours(3)));
    assertThat(evaluate()).isEqualTo(1);
    assertThat(delivered()).containsExactly("no_data");

    restart();
    clock.advance(Duration.ofMinutes(5));
    assertThat(evaluate()).isZero();
    assertThat(delivered()).containsExactly("no_data");
  }
}
