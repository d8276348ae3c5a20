package dev.tenantpulse.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantpulse.alerting.channels.webhook.WebhookSender;
import dev.tenantpulse.alerting.evaluation.EvaluationService;
import dev.tenantpulse.alerting.notify.outbox.OutboxDispatcher;
import dev.tenantpulse.alerting.notify.outbox.OutboxEntry;
import dev.tenantpulse.alerting.notify.outbox.OutboxStore;
import dev.tenantpulse.alerting.rules.RulesRepository;
import dev.tenantpulse.alerting.state.AlertHistory;
import dev.tenantpulse.alerting.state.HistoryEntry;
import dev.tenantpulse.alerting.support.Metadata;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.MutableClock;
import dev.tenantpulse.alerting.support.Receivers;
import dev.tenantpulse.alerting.support.RecordingHttpServer.Request;
import dev.tenantpulse.alerting.support.RecordingSmtpServer;
import dev.tenantpulse.alerting.support.RunningAlerting;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path on real parts: rows in chDB's active_tenants_hourly, the application on a metadata
 * database (H2 file or PostgreSQL, see the subclasses), real HTTP and SMTP receivers for the four
 * channel types. Time is a test clock; evaluations are run the way the Quartz job runs them.
 */
abstract class AlertingFlowContract {

  static final Instant H = Instant.parse("2026-11-27T10:00:00Z");
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path dir;
  static Receivers receivers;
  static MetricTables tables;
  static MutableClock clock = new MutableClock(H);
  static RunningAlerting app;

  /** Starts the application once per class on the metadata database of {@code metadata}. */
  static void start(Map<String, String> metadata) {
    receivers = new Receivers();
    tables = MetricTables.fresh("drop_flow");
    Map<String, String> properties = new java.util.HashMap<>(metadata);
    // These flows judge a stale table from the first evaluation on; the start-up grace has
    // tests of its own (FirstDataContract).
    properties.put("tenant-pulse.alerting.no-data-grace", "0s");
    properties.putAll(
        Map.of(
            "spring.quartz.auto-startup",
            "false",
            "tenant-pulse.alerting.rules-file",
            dir.resolve("rules.yaml").toString(),
            "tenant-pulse.alerting.clickhouse.migrate",
            "true",
            "tenant-pulse.alerting.outbox.initial-backoff",
            "1m",
            "spring.mail.host",
            "127.0.0.1",
            "spring.mail.port",
            Integer.toString(receivers.smtp.port())));
    app =
        RunningAlerting.start(
            tables.database(),
            clock,
            properties,
            Map.of("PD_ROUTING_KEY", Receivers.PAGERDUTY_KEY));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
      app = null;
    }
    if (receivers != null) {
      receivers.close();
      receivers = null;
    }
  }

  @BeforeEach
  void reset() {
    tables.truncateAll();
    Metadata.clear(app.bean(DSLContext.class));
    receivers.clear();
    clock.set(H.plus(Duration.ofMinutes(5)));
  }

  private void rules(String ruleFields) {
    String yaml =
        receivers.channelsYaml()
            + "rules:\n  active_tenants_drop:\n"
            + ruleFields.indent(4)
            + "    channels: [hook, slack, pd, mail]\n";
    app.bean(RulesRepository.class).replace(RulesRepository.tree(yaml, "test"), "test");
  }

  private EvaluationService.Result evaluate() {
    return app.bean(EvaluationService.class).evaluate("active_tenants_drop", null);
  }

  /** Waits until the outbox has nothing left to send (delivered or given up). */
  private void awaitOutboxSettled() {
    app.bean(OutboxDispatcher.class).wakeUp();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.bean(OutboxStore.class).pendingCount() == 0);
  }

  /** Waits until webhook, Slack and PagerDuty have each been tried {@code n} times. */
  private static void awaitAttempts(int n) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                receivers.webhook().size() == n
                    && receivers.slack().size() == n
                    && receivers.pagerDuty().size() == n);
  }

  /**
   * Waits until the three failing channels' rows record {@code n} failed attempts, so the test
   * clock moves only after the dispatcher computed their next attempt from it.
   */
  private static void awaitRetriesRecorded(int n) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              List<OutboxEntry> pending = app.bean(OutboxStore.class).list("pending", 10);
              return pending.size() == 3 && pending.stream().allMatch(e -> e.attempts() == n);
            });
  }

  private static JsonNode json(Request r) {
    return JSON.readTree(r.text());
  }

  @Test
  void aDropFiresExactlyOneNotificationPerChannelAndResolvesWhenTheRatioRecovers() {
    rules("params: {per_plan: false}\nfor: 10m\nrepeat_interval: 4h");
    tables.activeHour(H, 70, 100.0, 0.30);

    assertThat(evaluate().notifications()).isZero(); // pending for 10 minutes first
    assertThat(app.api("GET", "/api/alerts", null, null).body()).contains("\"status\":\"pending\"");

    clock.advance(Duration.ofMinutes(10));
    assertThat(evaluate().notifications()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(5));
    assertThat(evaluate().notifications()).isZero(); // still firing, repeat not due
    awaitOutboxSettled();

    assertThat(receivers.webhook()).hasSize(1);
    assertThat(receivers.slack()).hasSize(1);
    assertThat(receivers.pagerDuty()).hasSize(1);
    assertThat(receivers.smtp.messages()).hasSize(1);

    Request hook = receivers.webhook().get(0);
    JsonNode firing = json(hook);
    assertThat(firing.get("status").asString()).isEqualTo("firing");
    assertThat(firing.get("rule").asString()).isEqualTo("active_tenants_drop");
    assertThat(firing.get("value").asDouble()).isEqualTo(0.30);
    assertThat(firing.get("summary").asString()).contains("70", "30.0 %");
    assertThat(hook.header("X-TenantPulse-Idempotency-Key"))
        .isEqualTo(firing.get("idempotency_key").asString())
        .isEqualTo(hook.header("Idempotency-Key"));
    assertThat(hook.header(WebhookSender.SIGNATURE_HEADER))
        .isEqualTo("sha256=" + WebhookSender.hmacSha256Hex(Receivers.WEBHOOK_SECRET, hook.body()));

    assertThat(json(receivers.slack().get(0)).get("text").asString())
        .startsWith(":rotating_light: Firing: active_tenants_drop");

    JsonNode trigger = json(receivers.pagerDuty().get(0));
    assertThat(trigger.get("event_action").asString()).isEqualTo("trigger");
    assertThat(trigger.get("routing_key").asString()).isEqualTo(Receivers.PAGERDUTY_KEY);
    assertThat(trigger.get("payload").get("severity").asString()).isEqualTo("critical");
    assertThat(trigger.get("payload").get("summary").asString()).contains("active_tenants_drop");

    RecordingSmtpServer.Message mail = receivers.smtp.messages().get(0);
    assertThat(mail.to()).containsExactly("oncall@example.com");
    assertThat(mail.header("Subject")).isEqualTo("[FIRING] active_tenants_drop");
    assertThat(mail.header("X-TenantPulse-Idempotency-Key"))
        .isEqualTo(firing.get("idempotency_key").asString());

    // The next closed hour is back to normal.
    tables.activeHour(H.plus(Duration.ofHours(1)), 98, 100.0, 0.02);
    clock.set(H.plus(Duration.ofMinutes(65)));
    assertThat(evaluate().notifications()).isEqualTo(1);
    awaitOutboxSettled();

    assertThat(receivers.webhook()).hasSize(2);
    assertThat(receivers.slack()).hasSize(2);
    assertThat(receivers.pagerDuty()).hasSize(2);
    assertThat(receivers.smtp.messages()).hasSize(2);
    JsonNode resolved = json(receivers.webhook().get(1));
    assertThat(resolved.get("status").asString()).isEqualTo("resolved");
    assertThat(resolved.get("idempotency_key").asString())
        .isNotEqualTo(firing.get("idempotency_key").asString());
    JsonNode resolve = json(receivers.pagerDuty().get(1));
    assertThat(resolve.get("event_action").asString()).isEqualTo("resolve");
    assertThat(resolve.get("dedup_key").asString()).isEqualTo(trigger.get("dedup_key").asString());
    assertThat(json(receivers.slack().get(1)).get("text").asString())
        .startsWith(":white_check_mark: Resolved");
    assertThat(receivers.smtp.messages().get(1).header("Subject"))
        .isEqualTo("[RESOLVED] active_tenants_drop");

    List<HistoryEntry> history =
        app.bean(AlertHistory.class).query("active_tenants_drop", null, null, null, 10);
    assertThat(history)
        .extracting(h -> h.fromStatus() + "->" + h.toStatus())
        .containsExactly("firing->resolved", "pending->firing", "inactive->pending");
  }

  @Test
  void theRepeatIntervalReNotifiesAStillFiringAlertWithANewKey() {
    rules("params: {per_plan: false}\nfor: 0s\nrepeat_interval: 1h");
    tables.activeHour(H, 60, 100.0, 0.40);
    assertThat(evaluate().notifications()).isEqualTo(1);

    tables.activeHour(H.plus(Duration.ofHours(1)), 60, 100.0, 0.40);
    clock.advance(Duration.ofMinutes(59));
    assertThat(evaluate().notifications()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(evaluate().notifications()).isEqualTo(1);
    awaitOutboxSettled();

    List<JsonNode> hooks = receivers.webhook().stream().map(AlertingFlowContract::json).toList();
    assertThat(hooks).hasSize(2);
    assertThat(hooks.get(0).get("repeat").asBoolean()).isFalse();
    assertThat(hooks.get(1).get("repeat").asBoolean()).isTrue();
    assertThat(hooks.get(1).get("status").asString()).isEqualTo("firing");
    assertThat(hooks.get(1).get("idempotency_key").asString())
        .isNotEqualTo(hooks.get(0).get("idempotency_key").asString());
    assertThat(receivers.pagerDuty()).hasSize(2);
    assertThat(json(receivers.pagerDuty().get(1)).get("dedup_key").asString())
        .isEqualTo(json(receivers.pagerDuty().get(0)).get("dedup_key").asString());
    assertThat(receivers.smtp.messages().get(1).header("Subject"))
        .isEqualTo("[STILL FIRING] active_tenants_drop");
  }

  @Test
  void aSilenceSuppressesTheNotificationsOfTheInstancesItMatches() {
    rules("for: 0s\nrepeat_interval: 4h");
    tables.activeHour(H, 70, 100.0, 0.30);
    tables.activeHour(H, "starter", 20, 40.0, 0.50);
    tables.activeHour(H, "professional", 30, 30.0, 0.0);
    HttpResponse<String> created =
        app.api(
            "POST",
            "/api/silences",
            "application/json",
            """
            {"rule": "active_tenants_drop", "matchers": {"plan": "starter"}, "duration": "2h",
             "comment": "starter login migration, INC-42", "created_by": "alice"}""");
    assertThat(created.statusCode()).isEqualTo(201);
    String silenceId = JSON.readTree(created.body()).get("id").asString();

    assertThat(evaluate().notifications()).isEqualTo(1); // overall only
    awaitOutboxSettled();
    assertThat(receivers.webhook())
        .singleElement()
        .satisfies(r -> assertThat(json(r).get("labels").isEmpty()).isTrue());
    assertThat(app.bean(AlertHistory.class).query("active_tenants_drop", null, null, null, 10))
        .filteredOn(h -> h.labels().equals(Map.of("plan", "starter")))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.toStatus()).isEqualTo("firing");
              assertThat(h.silenced()).isTrue();
              assertThat(h.notified()).isFalse();
            });

    // Ending the silence lets the next evaluation tell about the still-firing starter plan.
    assertThat(app.api("DELETE", "/api/silences/" + silenceId, null, null).statusCode())
        .isEqualTo(200);
    clock.advance(Duration.ofMinutes(5));
    assertThat(evaluate().notifications()).isEqualTo(1);
    awaitOutboxSettled();
    assertThat(receivers.webhook()).hasSize(2);
    JsonNode starter = json(receivers.webhook().get(1));
    assertThat(starter.get("labels").get("plan").asString()).isEqualTo("starter");
    assertThat(starter.get("repeat").asBoolean()).isFalse();
    assertThat(receivers.slack().get(1).text()).contains("active_tenants_drop {plan=starter}");
  }

  @Test
  void aFailedDeliveryIsRetriedWithBackoffCarryingTheSameIdempotencyKey() {
    rules("params: {per_plan: false}\nfor: 0s");
    tables.activeHour(H, 70, 100.0, 0.30);
    receivers.http.defaultStatus(503); // every HTTP channel is down

    assertThat(evaluate().notifications()).isEqualTo(1);
    app.bean(OutboxDispatcher.class).wakeUp();
    awaitAttempts(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> receivers.smtp.messages().size() == 1);
    awaitRetriesRecorded(1); // webhook, Slack and PagerDuty wait for their retry

    clock.advance(Duration.ofSeconds(59)); // first backoff is 1m: nothing is due yet
    app.bean(OutboxDispatcher.class).dispatchOnce();
    assertThat(receivers.webhook()).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    app.bean(OutboxDispatcher.class).wakeUp();
    awaitAttempts(2);
    awaitRetriesRecorded(2); // every second attempt failed too, and was put off by 2m
    receivers.http.defaultStatus(200);
    clock.advance(Duration.ofMinutes(2));
    awaitOutboxSettled();

    List<Request> hooks = receivers.webhook();
    assertThat(hooks).hasSize(3);
    assertThat(hooks)
        .extracting(r -> r.header("X-TenantPulse-Idempotency-Key"))
        .containsOnly(hooks.get(0).header("X-TenantPulse-Idempotency-Key"));
    OutboxEntry delivered =
        app.bean(OutboxStore.class).list("delivered", 10).stream()
            .filter(e -> e.channel().equals("hook"))
            .findFirst()
            .orElseThrow();
    assertThat(delivered.attempts()).isEqualTo(3);
    assertThat(receivers.pagerDuty()).hasSize(3);
  }

  @Test
  void aMetricThatStopsBeingWrittenIsANoDataAlertThatResolvesWhenDataReturns() {
    rules("params: {per_plan: false}\nfor: 0s\nno_data_after: 2h");
    tables.activeHour(H, 100, 100.0, 0.0);
    clock.set(H.plus(Duration.ofHours(3)));

    assertThat(evaluate().notifications()).isEqualTo(1);
    awaitOutboxSettled();
    assertThat(json(receivers.webhook().get(0)).get("status").asString()).isEqualTo("no_data");
    assertThat(json(receivers.pagerDuty().get(0)).get("event_action").asString())
        .isEqualTo("trigger");
    assertThat(receivers.smtp.messages().get(0).header("Subject"))
        .isEqualTo("[NO DATA] active_tenants_drop");

    tables.activeHour(H.plus(Duration.ofHours(3)), 100, 100.0, 0.0);
    assertThat(evaluate().notifications()).isEqualTo(1);
    awaitOutboxSettled();
    assertThat(json(receivers.webhook().get(1)).get("status").asString()).isEqualTo("resolved");
    // Not the bare current summary, which would read as if the drop itself had cleared.
    assertThat(json(receivers.webhook().get(1)).get("summary").asString())
        .startsWith("data is back: ");
    assertThat(json(receivers.pagerDuty().get(1)).get("event_action").asString())
        .isEqualTo("resolve");
  }

  @Test
  void historyAndFinishedNotificationsAreKeptForTheRetentionTime() {
    rules("params: {per_plan: false}\nfor: 0s");
    tables.activeHour(H, 70, 100.0, 0.30);
    evaluate();
    awaitOutboxSettled();
    Housekeeping housekeeping = app.bean(Housekeeping.class);

    clock.advance(Duration.ofDays(29));
    assertThat(housekeeping.purge()).isEqualTo(1); // the evaluation log line: kept 2 days
    assertThat(app.bean(AlertHistory.class).query(null, null, null, null, 10)).hasSize(1);

    clock.advance(Duration.ofDays(2));
    assertThat(housekeeping.purge()).isEqualTo(1 + 4); // the history line, the 4 deliveries
    assertThat(app.bean(AlertHistory.class).query(null, null, null, null, 10)).isEmpty();
    assertThat(app.bean(OutboxStore.class).list(null, 10)).isEmpty();
    assertThat(app.api("GET", "/api/alerts", null, null).body()).contains("\"status\":\"firing\"");
  }
}
