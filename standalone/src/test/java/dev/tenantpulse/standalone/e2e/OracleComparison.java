package dev.tenantpulse.standalone.e2e;

import dev.tenantpulse.scenario.oracle.ExpectedActiveHour;
import dev.tenantpulse.scenario.oracle.ExpectedActiveHourByPlan;
import dev.tenantpulse.scenario.oracle.ExpectedFeatureAdoption;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.ExpectedOnboardingCohort;
import dev.tenantpulse.scenario.oracle.ExpectedTenant;
import dev.tenantpulse.scenario.oracle.ExpectedUsageDay;
import dev.tenantpulse.scenario.oracle.ExpectedUsageDayByPlan;
import dev.tenantpulse.scenario.oracle.ExpectedUsageMonth;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Compares what {@code /api/sql} shows with the scenario oracle, row by row, and lists every
 * difference (empty: they agree). Rows are read with {@code FINAL}; doubles agree within a relative
 * 1e-9 (summation order differs); rows the stream emitted beyond the oracle's last closed hour (the
 * wall clock moved on) are not the oracle's to judge, and a day's usage is compared once that day
 * has closed (the stream writes it then; the oracle, at the end of its input, writes the open day
 * too).
 */
final class OracleComparison {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Tables tables;
  private final ExpectedMetrics expected;
  private final List<String> differences = new ArrayList<>();

  private OracleComparison(Tables tables, ExpectedMetrics expected) {
    this.tables = tables;
    this.expected = expected;
  }

  static List<String> differences(Tables tables, ExpectedMetrics expected) {
    OracleComparison c = new OracleComparison(tables, expected);
    c.events();
    c.tenants();
    c.activeHours();
    c.activeHoursByPlan();
    c.usage();
    c.usageRollups();
    c.featureAdoption();
    c.onboardingCohorts();
    return c.differences;
  }

  private void events() {
    long rows = tables.count("SELECT count() FROM events FINAL");
    long late = tables.count("SELECT countIf(late = 1) FROM events FINAL");
    check("events rows", (long) expected.events().size(), rows);
    check("events late rows", expected.lateEvents(), late);
  }

  /** The row under {@code key}; null, and a difference noted, when the table has none. */
  private Map<String, JsonNode> row(
      Map<String, Map<String, JsonNode>> rows, String table, String key) {
    Map<String, JsonNode> row = rows.get(key);
    if (row == null) {
      differences.add(table + ": no row for " + key);
    }
    return row;
  }

  private void tenants() {
    Map<String, Map<String, JsonNode>> rows =
        index(tables.query("SELECT tenant_id, plan FROM tenants FINAL"), "tenant_id");
    for (ExpectedTenant t : expected.tenants()) {
      Map<String, JsonNode> row = row(rows, "tenants", t.tenantId());
      if (row != null) {
        check("tenants " + t.tenantId() + " plan", t.plan(), row.get("plan").asString());
      }
    }
  }

  private void activeHours() {
    Map<String, Map<String, JsonNode>> rows =
        index(
            tables.query(
                "SELECT toString(window_end) AS h, active_24h, weekly_avg, drop_ratio"
                    + " FROM active_tenants_hourly FINAL"),
            "h");
    for (ExpectedActiveHour e : expected.activeHours()) {
      String key = SECONDS.format(e.windowEnd());
      Map<String, JsonNode> row = row(rows, "active_tenants_hourly", key);
      if (row == null) {
        continue;
      }
      check("active_24h at " + key, e.active24h(), row.get("active_24h").asLong());
      close("weekly_avg at " + key, e.weeklyAvg(), row.get("weekly_avg"));
      close("drop_ratio at " + key, e.dropRatio(), row.get("drop_ratio"));
    }
  }

  private void activeHoursByPlan() {
    Map<String, Map<String, JsonNode>> rows =
        index(
            tables.query(
                "SELECT concat(toString(window_end), '/', plan) AS k, active_24h, weekly_avg,"
                    + " drop_ratio FROM active_tenants_hourly_by_plan FINAL"),
            "k");
    for (ExpectedActiveHourByPlan e : expected.activeHoursByPlan()) {
      String key = SECONDS.format(e.windowEnd()) + "/" + e.plan();
      Map<String, JsonNode> row = row(rows, "active_tenants_hourly_by_plan", key);
      if (row == null) {
        continue;
      }
      check("by plan active_24h " + key, e.active24h(), row.get("active_24h").asLong());
      close("by plan weekly_avg " + key, e.weeklyAvg(), row.get("weekly_avg"));
    }
  }

  private void usage() {
    Map<String, Map<String, JsonNode>> rows =
        index(
            tables.query(
                "SELECT concat(toString(day), '/', tenant_id, '/', meter) AS k, quantity"
                    + " FROM usage_daily FINAL"),
            "k");
    Instant closed = expected.lastWindowEnd();
    for (ExpectedUsageDay e : expected.usageDays()) {
      if (e.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(closed)) {
        continue; // the stream writes a day's usage once the day has closed; the oracle's input
        // ended
      }
      String key = e.day() + "/" + e.tenantId() + "/" + e.meter();
      Map<String, JsonNode> row = row(rows, "usage_daily", key);
      if (row != null) {
        close("usage " + key, e.quantity(), row.get("quantity"));
      }
    }
  }

  /** The rollups of closed days, and of months whose every day has closed. */
  private void usageRollups() {
    Instant closed = expected.lastWindowEnd();
    Map<String, Map<String, JsonNode>> months =
        index(
            tables.query(
                "SELECT concat(toString(month), '/', tenant_id, '/', meter) AS k, quantity"
                    + " FROM usage_monthly FINAL"),
            "k");
    for (ExpectedUsageMonth e : expected.usageMonths()) {
      if (e.month().plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(closed)) {
        continue;
      }
      String key = e.month() + "/" + e.tenantId() + "/" + e.meter();
      Map<String, JsonNode> row = row(months, "usage_monthly", key);
      if (row != null) {
        close("usage month " + key, e.quantity(), row.get("quantity"));
      }
    }
    Map<String, Map<String, JsonNode>> byPlan =
        index(
            tables.query(
                "SELECT concat(toString(day), '/', plan, '/', meter) AS k, quantity, tenants"
                    + " FROM usage_daily_by_plan FINAL WHERE tenants > 0"),
            "k");
    for (ExpectedUsageDayByPlan e : expected.usageDaysByPlan()) {
      if (e.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(closed)) {
        continue;
      }
      String key = e.day() + "/" + e.plan() + "/" + e.meter();
      Map<String, JsonNode> row = row(byPlan, "usage_daily_by_plan", key);
      if (row != null) {
        close("usage by plan " + key, e.quantity(), row.get("quantity"));
        check("usage by plan tenants " + key, e.tenants(), row.get("tenants").asLong());
      }
    }
  }

  private void featureAdoption() {
    Map<String, Map<String, JsonNode>> rows =
        index(
            tables.query(
                "SELECT concat(toString(day), '/', plan, '/', feature) AS k, plan_tenants,"
                    + " adopting_tenants FROM feature_adoption_daily FINAL"),
            "k");
    for (ExpectedFeatureAdoption e : expected.featureAdoption()) {
      String key = e.day() + "/" + e.plan() + "/" + e.feature();
      Map<String, JsonNode> row = row(rows, "feature_adoption_daily", key);
      if (row == null) {
        continue;
      }
      check("plan_tenants " + key, e.planTenants(), row.get("plan_tenants").asLong());
      check("adopting_tenants " + key, e.adoptingTenants(), row.get("adopting_tenants").asLong());
    }
  }

  private void onboardingCohorts() {
    Map<String, Map<String, JsonNode>> rows =
        index(
            tables.query(
                "SELECT toString(cohort_week) AS w, signups, completed, p50_seconds, p90_seconds,"
                    + " completed_within_24h FROM onboarding_cohorts FINAL"),
            "w");
    for (ExpectedOnboardingCohort e : expected.onboardingCohorts()) {
      String key = e.cohortWeek().toString();
      Map<String, JsonNode> row = row(rows, "onboarding_cohorts", key);
      if (row == null) {
        continue;
      }
      check("signups " + key, e.signups(), row.get("signups").asLong());
      check("completed " + key, e.completed(), row.get("completed").asLong());
      check("p50 " + key, e.p50Seconds(), nullableLong(row.get("p50_seconds")));
      check("p90 " + key, e.p90Seconds(), nullableLong(row.get("p90_seconds")));
      check("within 24h " + key, e.completedWithin24h(), row.get("completed_within_24h").asLong());
    }
  }

  private static Long nullableLong(JsonNode node) {
    return node == null || node.isNull() ? null : node.asLong();
  }

  private void check(String what, Object expectedValue, Object actual) {
    if (!Objects.equals(expectedValue, actual)) {
      differences.add(what + ": expected " + expectedValue + ", got " + actual);
    }
  }

  private void close(String what, Double expectedValue, JsonNode actual) {
    boolean actualNull = actual == null || actual.isNull();
    if (expectedValue == null || actualNull) {
      if (expectedValue != null || !actualNull) {
        differences.add(what + ": expected " + expectedValue + ", got " + actual);
      }
      return;
    }
    double a = actual.asDouble();
    double scale = Math.max(1e-12, Math.max(Math.abs(expectedValue), Math.abs(a)));
    if (Math.abs(expectedValue - a) / scale > 1e-9) {
      differences.add(what + ": expected " + expectedValue + ", got " + a);
    }
  }

  private static Map<String, Map<String, JsonNode>> index(
      List<Map<String, JsonNode>> rows, String key) {
    Map<String, Map<String, JsonNode>> map = new HashMap<>();
    rows.forEach(r -> map.put(r.get(key).asString(), r));
    return map;
  }

  static String first(List<String> differences) {
    return differences.size()
        + " differences, first: "
        + differences.subList(0, Math.min(10, differences.size()));
  }

  static String format(Instant instant) {
    return SECONDS.format(instant);
  }
}
