package dev.tenantpulse.alerting.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.support.Metadata;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.MutableClock;
import dev.tenantpulse.alerting.support.RunningAlerting;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Over real HTTP: the same-weekday baseline leaving out an hour its own evaluation fired (read from
 * the alert history), and {@code POST /api/rules/{name}/backtest} with its refusals.
 */
class BacktestApiTests {

  /** A Sunday noon; the same hour one and two weeks before. */
  static final Instant H = Instant.parse("2026-03-01T12:00:00Z");

  static final Duration WEEK = Duration.ofDays(7);
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String RULES =
      """
      rules:
        active_tenants_drop: {for: 0s}
        seasonal: {kind: active_tenants_drop, for: 0s, params: {baseline: same_weekday, weeks: 2}}
        adjusted:
          kind: active_tenants_drop
          for: 0s
          params: {baseline: same_weekday_adjusted, weeks: 2}
        onboarding_slowdown: {}
      """;

  @TempDir static Path dir;
  static MetricTables tables;
  static MutableClock clock = new MutableClock(H);
  static RunningAlerting app;

  @BeforeAll
  static void start() throws Exception {
    tables = MetricTables.fresh("backtest");
    Files.writeString(dir.resolve("rules.yaml"), RULES);
    app = RunningAlerting.forApiTests(tables.database(), clock, dir, Map.of());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void reset() {
    tables.truncateAll();
    Metadata.clear(app.bean(DSLContext.class));
    assertThat(app.api("PUT", "/api/rules", "application/yaml", RULES).statusCode()).isEqualTo(200);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** An hour of a steady product: weekly averages of 100 overall and 40 for starter. */
  private static void hour(Instant at, long overall, long starter) {
    tables.activeHour(at, overall, 100.0, null);
    tables.activeHour(at, "starter", starter, 40.0, null);
  }

  private static JsonNode evaluate(String rule, Instant now) {
    clock.set(now);
    HttpResponse<String> r = app.api("POST", "/api/rules/" + rule + "/evaluate", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    return json(r);
  }

  private static String status(String rule, String plan) {
    for (JsonNode alert :
        json(app.api("GET", "/api/alerts?rule=" + rule + "&all=true", null, null))) {
      JsonNode labels = alert.get("labels");
      boolean overall = labels == null || labels.isEmpty();
      if (plan == null
          ? overall
          : labels.has("plan") && labels.get("plan").asString().equals(plan)) {
        return alert.get("status").asString();
      }
    }
    return "none";
  }

  @Test
  void anOutageThatFiredDoesNotLowerTheSameWeekdayBaselineOfTheNextWeek() {
    hour(H.minus(WEEK.multipliedBy(2)), 100, 40);
    hour(H.minus(WEEK), 50, 20); // last Sunday's outage
    hour(H, 70, 28);

    // Last Sunday the outage fired against the Sunday before (100, drop 50 %), overall and starter;
    // adjusted, against the same share (1) of the same weekly average (100; starter 40).
    evaluate("seasonal", H.minus(WEEK).plusSeconds(300));
    evaluate("adjusted", H.minus(WEEK).plusSeconds(300));
    for (String rule : List.of("seasonal", "adjusted")) {
      assertThat(status(rule, null)).as(rule).isEqualTo("firing");
      assertThat(status(rule, "starter")).as(rule).isEqualTo("firing");
    }
    hour(H.minus(WEEK).plus(Duration.ofHours(1)), 100, 40); // over an hour later
    evaluate("seasonal", H.minus(WEEK).plus(Duration.ofMinutes(65)));
    evaluate("adjusted", H.minus(WEEK).plus(Duration.ofMinutes(65)));
    assertThat(status("seasonal", null)).isEqualTo("resolved");
    assertThat(status("adjusted", null)).isEqualTo("resolved");

    // Today: with the outage's hour the median of 50 and 100 is 75 and 70 is only 7 % below it;
    // without it (it was firing) the baseline is 100 and 70 is 30 % below. Adjusted: the shares
    // 0.5 and 1 of the weekly average 100, the same numbers.
    evaluate("seasonal", H.plusSeconds(300));
    evaluate("adjusted", H.plusSeconds(300));
    for (String rule : List.of("seasonal", "adjusted")) {
      assertThat(status(rule, null)).as(rule).isEqualTo("firing");
      assertThat(status(rule, "starter")).as(rule).isEqualTo("firing");
    }
    assertThat(json(app.api("GET", "/api/alerts/history?rule=seasonal", null, null)).toString())
        .contains("30.0 % below the median of the same hour on the last 2 Sundays of 100.0");
    assertThat(json(app.api("GET", "/api/alerts/history?rule=adjusted", null, null)).toString())
        .contains(
            "30.0 % below the weekly average × the median of its share at this hour on the last 2"
                + " Sundays of 100.0");
  }

  @Test
  void aBacktestAnswersEpisodesAndNotificationsAndNotifiesNobody() {
    Instant from = H.minus(Duration.ofHours(6));
    for (Instant h = from;
        h.isBefore(H.plus(Duration.ofHours(6)));
        h = h.plus(Duration.ofHours(1))) {
      boolean outage = !h.isBefore(H) && h.isBefore(H.plus(Duration.ofHours(3)));
      tables.activeHour(h, outage ? 60 : 100, 100.0, outage ? 0.4 : 0.0);
    }

    HttpResponse<String> r =
        app.api(
            "POST",
            "/api/rules/active_tenants_drop/backtest",
            "application/json",
            "{\"from\": \""
                + from
                + "\", \"to\": \""
                + H.plus(Duration.ofHours(6))
                + "\","
                + " \"rule\": {\"repeat_interval\": \"1h\", \"params\": {\"per_plan\": false}}}");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("baseline").asString()).isEqualTo("weekly_average");
    assertThat(body.get("hoursJudged").asInt()).isEqualTo(12);
    assertThat(body.get("episodes")).hasSize(1);
    JsonNode episode = body.get("episodes").get(0);
    assertThat(episode.get("start").asString()).isEqualTo(H.toString());
    assertThat(episode.get("end").asString()).isEqualTo(H.plus(Duration.ofHours(3)).toString());
    assertThat(episode.get("peakValue").asDouble()).isEqualTo(0.4);
    // Firing at 12:00, repeats at 13:00 and 14:00, resolved at 15:00.
    assertThat(body.get("notifications").asInt()).isEqualTo(4);
    // The draft was tried, not stored, and nobody was notified.
    assertThat(app.api("GET", "/api/rules/active_tenants_drop", null, null).body())
        .contains("\"repeat_interval\":\"4h\"");
    assertThat(json(app.api("GET", "/api/notifications", null, null))).isEmpty();
    assertThat(json(app.api("GET", "/api/alerts?all=true", null, null))).isEmpty();
  }

  @Test
  void theBacktestNeedsTheAdminToken() {
    HttpResponse<String> r =
        app.request(
            "POST",
            "/api/rules/active_tenants_drop/backtest",
            "application/json",
            "{\"from\": \"2026-03-01T00:00:00Z\", \"to\": \"2026-03-02T00:00:00Z\"}",
            null);
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void unknownRulesAndOtherKindsAreRefused() {
    String body = "{\"from\": \"2026-03-01T00:00:00Z\", \"to\": \"2026-03-02T00:00:00Z\"}";
    HttpResponse<String> unknown =
        app.api("POST", "/api/rules/nope/backtest", "application/json", body);
    assertThat(unknown.statusCode()).isEqualTo(404);
    HttpResponse<String> other =
        app.api("POST", "/api/rules/onboarding_slowdown/backtest", "application/json", body);
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(json(other).get("code").asString()).isEqualTo("unsupported_kind");
  }

  /**
   * Generated hostile bodies: every one is refused with a 4xx problem that has a code, never a 5xx
   * and never a stack trace.
   */
  @Test
  void hostileBodiesAreRefusedWithProblemDetails() {
    List<String> instants =
        List.of(
            "\"2026-03-01T00:00:00Z\"",
            "\"2026-03-01T00:30:00Z\"",
            "\"+1000000000-12-31T23:00:00Z\"",
            "\"-1000000000-01-01T00:00:00Z\"",
            "\"1960-01-01T00:00:00Z\"",
            "\"2026-13-01T00:00:00Z\"",
            "\"yesterday\"",
            "\"" + "9".repeat(5000) + "\"",
            "20260301",
            "null",
            "[]",
            "{}",
            "true");
    List<String> rules =
        List.of(
            "",
            ", \"rule\": 5",
            ", \"rule\": {\"params\": {\"baseline\": \"fortnightly\"}}",
            ", \"rule\": {\"params\": {\"weeks\": 1000}}",
            ", \"rule\": {\"for\": \"-5m\"}",
            ", \"rule\": {\"kind\": \"feature_adoption_drop\"}",
            ", \"surprise\": 1");
    SplittableRandom random = new SplittableRandom(19);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String from = instants.get(random.nextInt(instants.size()));
      String to = instants.get(random.nextInt(instants.size()));
      String rule = rules.get(random.nextInt(rules.size()));
      if (from.equals("\"2026-03-01T00:00:00Z\"") && to.equals(from) && rule.isEmpty()) {
        continue;
      }
      bodies.add("{\"from\": " + from + ", \"to\": " + to + rule + "}");
    }
    bodies.addAll(
        List.of(
            "",
            "{",
            "[1, 2]",
            "\"from\"",
            "{\"from\": \"2026-03-01T00:00:00Z\", \"to\": \"2026-01-01T00:00:00Z\"}",
            "{\"from\": \"2020-01-01T00:00:00Z\", \"to\": \"2026-01-01T00:00:00Z\"}",
            "{\"from\": \"2026-03-01T00:00:00Z\"}",
            "{\"to\": \"2026-03-01T00:00:00Z\"}",
            "rules: [oops",
            "{\"from\": \"2026-03-01T00:00:00Z\", \"to\": \"2026-03-02T00:00:00Z\","
                + " \"rule\": {\"params\": {\"baseline\": \"fortnightly\"}}}"));
    for (String body : bodies) {
      HttpResponse<String> r =
          app.api("POST", "/api/rules/active_tenants_drop/backtest", "application/json", body);
      assertThat(r.statusCode()).as(body).isBetween(400, 499);
      JsonNode problem = json(r);
      assertThat(problem.has("code")).as(body).isTrue();
      assertThat(r.body()).as(body).doesNotContain("Exception", "\tat ");
    }
  }
}
