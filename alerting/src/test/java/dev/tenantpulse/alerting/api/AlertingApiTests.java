package dev.tenantpulse.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantpulse.alerting.notify.outbox.OutboxStore;
import dev.tenantpulse.alerting.support.Metadata;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.MutableClock;
import dev.tenantpulse.alerting.support.RecordingHttpServer;
import dev.tenantpulse.alerting.support.RunningAlerting;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API over real HTTP: admin token, rules, silences, alerts, history, and the metrics page. */
class AlertingApiTests {

  static final Instant H = Instant.parse("2026-11-27T10:00:00Z");
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String BUILT_IN_RULES =
      "rules:\n  active_tenants_drop: {for: 0s}\n  onboarding_slowdown: {}\n";

  @TempDir static Path dir;
  static MetricTables tables;
  static MutableClock clock = new MutableClock(H);
  static RecordingHttpServer slack;
  static RunningAlerting app;

  @BeforeAll
  static void start() throws Exception {
    tables = MetricTables.fresh("api");
    slack = new RecordingHttpServer(200);
    Files.writeString(dir.resolve("rules.yaml"), BUILT_IN_RULES);
    app =
        RunningAlerting.forApiTests(
            tables.database(),
            clock,
            dir,
            Map.of("SLACK_WEBHOOK_URL", slack.url("/services/T0/B0/secret")));
  }

  @AfterAll
  static void stop() {
    app.close();
    slack.close();
  }

  @BeforeEach
  void reset() {
    tables.truncateAll();
    Metadata.clear(app.bean(DSLContext.class));
    clock.set(H.plusSeconds(300));
    assertThat(app.api("PUT", "/api/rules", "application/yaml", BUILT_IN_RULES).statusCode())
        .isEqualTo(200);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  @Test
  void theApiNeedsTheAdminToken() {
    HttpResponse<String> none = app.request("GET", "/api/rules", null, null, null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(json(none).get("code").asString()).isEqualTo("unauthorized");
    assertThat(app.request("GET", "/api/rules", null, null, "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(app.request("GET", "/api/nothing-here", null, null, null).statusCode())
        .isEqualTo(401); // unknown paths under /api are guarded too
    assertThat(app.api("GET", "/api/nothing-here", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aRulesDocumentWithAMistakeIsRefusedNamingRuleFieldAndReason() {
    HttpResponse<String> refused =
        app.api(
            "PUT",
            "/api/rules",
            "application/yaml",
            "rules:\n  active_tenants_drop:\n    params: {drop_ratio: 1.5}\n    channels: [pager]\n");
    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode body = json(refused);
    assertThat(body.get("code").asString()).isEqualTo("invalid_rules");
    assertThat(body.get("problems"))
        .extracting(
            p ->
                p.get("rule").asString()
                    + "|"
                    + p.get("field").asString()
                    + "|"
                    + p.get("reason").asString())
        .containsExactlyInAnyOrder(
            "active_tenants_drop|params.drop_ratio|must be between 0 and 1, was 1.5",
            "active_tenants_drop|channels[0]|no channel named 'pager' (defined: [])");
    // Nothing changed.
    assertThat(app.api("GET", "/api/rules/active_tenants_drop", null, null).body())
        .contains("\"drop_ratio\":0.2");
    assertThat(app.api("PUT", "/api/rules", "application/yaml", "rules: [oops").statusCode())
        .isEqualTo(400);
  }

  @Test
  void anOnCallEngineerAddsASlackChannelWithAMergePatch() throws Exception {
    HttpResponse<String> patched =
        app.api(
            "PATCH",
            "/api/rules",
            "application/merge-patch+json",
            """
            {"channels": {"oncall-slack": {"type": "slack", "url": "${SLACK_WEBHOOK_URL}"}},
             "rules": {"active_tenants_drop": {"channels": ["oncall-slack"]}}}""");
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(patched.body()).contains("${SLACK_WEBHOOK_URL}").doesNotContain("/services/T0");
    assertThat(Files.readString(dir.resolve("rules.yaml"))).contains("oncall-slack");
    JsonNode rule = json(app.api("GET", "/api/rules/active_tenants_drop", null, null));
    assertThat(rule.get("channels").get(0).asString()).isEqualTo("oncall-slack");
    assertThat(rule.get("repeat_interval").asString()).isEqualTo("4h");

    tables.activeHour(H, 70, 100.0, 0.30);
    HttpResponse<String> evaluated =
        app.api("POST", "/api/rules/active_tenants_drop/evaluate", null, null);
    assertThat(json(evaluated).get("notifications").asInt()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(20)).until(() -> slack.requests().size() == 1);
    assertThat(slack.requests().get(0).path()).isEqualTo("/services/T0/B0/secret");

    JsonNode alerts = json(app.api("GET", "/api/alerts", null, null));
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).get("status").asString()).isEqualTo("firing");
    JsonNode history =
        json(app.api("GET", "/api/alerts/history?rule=active_tenants_drop", null, null));
    assertThat(history.get(0).get("to").asString()).isEqualTo("firing");
    assertThat(history.get(0).get("notified").asBoolean()).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> app.bean(OutboxStore.class).pendingCount() == 0);
    JsonNode sent = json(app.api("GET", "/api/notifications?state=delivered", null, null));
    assertThat(sent.get(0).get("channel").asString()).isEqualTo("oncall-slack");
    assertThat(sent.get(0).has("payload")).isFalse();
  }

  @Test
  void silencesAreCreatedListedAndEnded() {
    HttpResponse<String> bad =
        app.api("POST", "/api/silences", "application/json", "{\"matchers\": {\"plan\": \"\"}}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("comment", "created_by", "ends_at or duration", "matchers");
    assertThat(
            app.api(
                    "POST",
                    "/api/silences",
                    "application/json",
                    "{\"rule\": \"no_such_rule\", \"duration\": \"1h\", \"comment\": \"x\", \"created_by\": \"bob\"}")
                .body())
        .contains("no rule named 'no_such_rule'");

    HttpResponse<String> created =
        app.api(
            "POST",
            "/api/silences",
            "application/json",
            """
            {"rule": "active_tenants_drop", "matchers": {"plan": "starter"},
             "ends_at": "2026-11-27T12:00:00Z", "comment": "migration", "created_by": "alice"}""");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = json(created).get("id").asString();
    assertThat(json(created).get("state").asString()).isEqualTo("active");
    assertThat(json(app.api("GET", "/api/silences", null, null))).hasSize(1);

    JsonNode ended = json(app.api("DELETE", "/api/silences/" + id, null, null));
    assertThat(ended.get("state").asString()).isEqualTo("expired");
    assertThat(json(app.api("GET", "/api/silences", null, null))).isEmpty();
    assertThat(json(app.api("GET", "/api/silences?all=true", null, null))).hasSize(1);
    assertThat(app.api("DELETE", "/api/silences/nope", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void badInputGetsAClearClientErrorNeverAServerError() {
    List<String[]> requests =
        List.of(
            new String[] {"POST", "/api/silences", "application/json", "{not json"},
            new String[] {"POST", "/api/silences", "application/json", "[]"},
            new String[] {
              "POST", "/api/silences", "application/json", "{\"ends_at\": \"tomorrow\"}"
            },
            new String[] {"POST", "/api/silences", "text/plain", "hello"},
            new String[] {"PATCH", "/api/rules", "application/json", "[1, 2]"},
            new String[] {"PATCH", "/api/rules", "application/json", "{\"rules\": {\"x\": 1}}"},
            new String[] {"PUT", "/api/rules", "application/json", ""},
            new String[] {"GET", "/api/alerts/history?from=yesterday", null, null},
            new String[] {"GET", "/api/alerts/history?limit=0", null, null},
            new String[] {"GET", "/api/alerts/history?limit=abc", null, null},
            new String[] {"GET", "/api/notifications?state=lost", null, null},
            new String[] {"GET", "/api/rules/nope", null, null},
            new String[] {"POST", "/api/rules/nope/evaluate", null, null},
            new String[] {"DELETE", "/api/rules", null, null});
    for (String[] r : requests) {
      HttpResponse<String> response = app.api(r[0], r[1], r[2], r[3]);
      assertThat(response.statusCode())
          .as(r[0] + " " + r[1] + " " + r[3] + " -> " + response.body())
          .isBetween(400, 499);
      assertThat(json(response).get("code")).as(response.body()).isNotNull();
    }
  }

  @Test
  void aFailedEvaluationIsAnsweredServiceUnavailableCountedAndLogged() throws Exception {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "RENAME TABLE "
              + tables.database()
              + ".onboarding_cohorts TO "
              + tables.database()
              + ".away");
      try {
        HttpResponse<String> failed =
            app.api("POST", "/api/rules/onboarding_slowdown/evaluate", null, null);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(json(failed).get("code").asString()).isEqualTo("database_unavailable");
        assertThat(json(failed).get("detail").asString())
            .contains("ClickHouse", "onboarding_cohorts");
      } finally {
        s.execute(
            "RENAME TABLE "
                + tables.database()
                + ".away TO "
                + tables.database()
                + ".onboarding_cohorts");
      }
    }
    JsonNode logged = json(app.api("GET", "/api/evaluations?rule=onboarding_slowdown", null, null));
    assertThat(logged.get(0).get("outcome").asString()).isEqualTo("failed");
    assertThat(app.request("GET", "/actuator/prometheus", null, null, null).body())
        .contains("alerting_evaluation_failures_total{rule=\"onboarding_slowdown\"} 1.0");
  }

  @Test
  void prometheusShowsTheBusinessFiguresAndAlertingsOwnMetrics() {
    tables.activeHour(H, 70, 100.0, 0.30);
    tables.activeHour(H, "starter", 20, 25.0, 0.20);
    app.api("POST", "/api/rules/active_tenants_drop/evaluate", null, null);

    String page = app.request("GET", "/actuator/prometheus", null, null, null).body();

    assertThat(page)
        .contains("tenant_pulse_active_tenants_24h{plan=\"all\"} 70.0")
        .contains("tenant_pulse_active_tenants_weekly_avg{plan=\"all\"} 100.0")
        .contains("tenant_pulse_active_tenants_drop_ratio{plan=\"starter\"} 0.2")
        .contains("alerting_alerts{rule=\"active_tenants_drop\",status=\"firing\"} 2.0")
        .contains("alerting_evaluation_seconds_count{outcome=\"ok\",rule=\"active_tenants_drop\"}");
  }
}
