package dev.tenantpulse.flink.testing;

import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Every metric table of a database, read with {@code FINAL}, against the oracle's rows: keyed,
 * value columns only ({@code computed_at} and {@code version} are the writer's), doubles with a
 * relative tolerance of 1e-9 (docs/metric-semantics.md, "Comparing").
 */
public final class OracleComparison {

  public static final Set<String> METRIC_TABLES =
      Set.of(
          "active_tenants_hourly",
          "active_tenants_hourly_by_plan",
          "feature_adoption_daily",
          "onboarding_tenants",
          "onboarding_cohorts",
          "usage_daily",
          "usage_hourly",
          "usage_monthly",
          "usage_daily_by_plan");

  private static final int SHOWN_PER_TABLE = 5;

  private OracleComparison() {}

  /** A line per difference (empty when every row matches), for {@code tables}. */
  public static List<String> differences(String db, ExpectedMetrics expected, Set<String> tables)
      throws SQLException {
    List<String> out = new ArrayList<>();
    for (String table : new TreeSet<>(tables)) {
      compare(table, expectedRows(table, expected), actualRows(db, table, ""), out);
    }
    return out;
  }

  /**
   * As {@link #differences(String, ExpectedMetrics, Set)} for the rows whose period starts in
   * [from, to) (hour ends, day and cohort-week starts, signup times), on both sides: the oracle's
   * {@code restrictTo}.
   */
  public static List<String> differencesIn(
      String db, ExpectedMetrics expected, Set<String> tables, Instant from, Instant to)
      throws SQLException {
    ExpectedMetrics inRange = expected.restrictTo(from, to);
    List<String> out = new ArrayList<>();
    for (String table : new TreeSet<>(tables)) {
      String period =
          switch (table) {
            case "active_tenants_hourly", "active_tenants_hourly_by_plan" -> "window_end";
            case "feature_adoption_daily", "usage_daily", "usage_daily_by_plan" -> "day";
            case "usage_monthly" -> "month";
            case "usage_hourly" -> "hour";
            case "onboarding_tenants" -> "signed_up_at";
            case "onboarding_cohorts" -> "cohort_week";
            default -> throw new IllegalArgumentException(table + " has no period");
          };
      String where =
          " WHERE toUnixTimestamp64Milli(toDateTime64(%s, 3, 'UTC')) >= %d AND toUnixTimestamp64Milli(toDateTime64(%s, 3, 'UTC')) < %d"
              .formatted(period, from.toEpochMilli(), period, to.toEpochMilli());
      compare(table, expectedRows(table, inRange), actualRows(db, table, where), out);
    }
    return out;
  }

  /** How many rows each table holds (FINAL), to show what a comparison covered. */
  public static Map<String, Long> rowCounts(String db, Set<String> tables) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : tables) {
      counts.put(table, TestWarehouse.count("SELECT count() FROM " + db + "." + table + " FINAL"));
    }
    return counts;
  }

  private static Map<String, List<Object>> actualRows(String db, String table, String where)
      throws SQLException {
    String sql =
        switch (table) {
          case "tenants" ->
              "SELECT tenant_id, plan, billing_model, tenancy_model, seats,"
                  + " toUnixTimestamp64Milli(signed_up_at), toUnixTimestamp64Milli(plan_changed_at),"
                  + " toUnixTimestamp64Milli(churned_at) FROM %s.tenants FINAL";
          case "active_tenants_hourly" ->
              "SELECT toString(toUnixTimestamp(window_end)), active_24h, weekly_avg, drop_ratio"
                  + " FROM %s.active_tenants_hourly FINAL";
          case "active_tenants_hourly_by_plan" ->
              "SELECT concat(toString(toUnixTimestamp(window_end)), ' ', plan), active_24h,"
                  + " weekly_avg, drop_ratio FROM %s.active_tenants_hourly_by_plan FINAL";
          case "feature_adoption_daily" ->
              "SELECT concat(toString(day), ' ', plan, ' ', feature), in_catalog, plan_tenants,"
                  + " adopting_tenants, adoption_ratio FROM %s.feature_adoption_daily FINAL";
          case "onboarding_tenants" ->
              "SELECT tenant_id, toUnixTimestamp64Milli(signed_up_at), toString(cohort_week),"
                  + " signup_plan, arrayStringConcat(arraySort(arrayMap((k, v) -> concat(k, '=',"
                  + " toString(toUnixTimestamp64Milli(v))), mapKeys(step_first_at),"
                  + " mapValues(step_first_at))), ','), toUnixTimestamp64Milli(completed_at),"
                  + " completion_seconds, completion_negative,"
                  + " toUnixTimestamp64Milli(first_value_at), first_value_seconds,"
                  + " first_value_negative FROM %s.onboarding_tenants FINAL";
          case "onboarding_cohorts" ->
              "SELECT toString(cohort_week), signups, completed, completion_rate, avg_seconds,"
                  + " p50_seconds, p90_seconds, completed_within_24h, data_quality_issues,"
                  + " reached_value, value_rate, value_avg_seconds, value_p50_seconds,"
                  + " value_p90_seconds, value_within_24h, value_data_quality_issues"
                  + " FROM %s.onboarding_cohorts FINAL";
          case "usage_daily" ->
              "SELECT concat(toString(day), ' ', tenant_id, ' ', meter), quantity"
                  + " FROM %s.usage_daily FINAL";
          case "usage_monthly" ->
              "SELECT concat(toString(month), ' ', tenant_id, ' ', meter), quantity"
                  + " FROM %s.usage_monthly FINAL";
          case "usage_hourly" ->
              "SELECT concat(toString(toUnixTimestamp(hour)), ' ', tenant_id, ' ', meter),"
                  + " quantity FROM %s.usage_hourly FINAL";
          // tenants = 0: a plan every tenant of the day left after a late plan change (V007)
          case "usage_daily_by_plan" ->
              "SELECT concat(toString(day), ' ', plan, ' ', meter), quantity, tenants"
                  + " FROM (SELECT * FROM %s.usage_daily_by_plan FINAL WHERE tenants > 0)";
          default -> throw new IllegalArgumentException("no comparison for " + table);
        };
    Map<String, List<Object>> rows = new TreeMap<>();
    for (List<Object> row : TestWarehouse.rows(sql.formatted(db) + where)) {
      List<Object> values = new ArrayList<>();
      for (Object v : row.subList(1, row.size())) {
        values.add(normalise(v));
      }
      rows.put(String.valueOf(row.get(0)), values);
    }
    return rows;
  }

  private static Map<String, List<Object>> expectedRows(String table, ExpectedMetrics e) {
    return switch (table) {
      case "tenants" ->
          index(
              e.tenants(),
              t -> t.tenantId(),
              t ->
                  values(
                      t.plan(),
                      t.billingModel(),
                      t.tenancyModel(),
                      t.seats(),
                      t.signedUpAt(),
                      t.planChangedAt(),
                      t.churnedAt()));
      case "active_tenants_hourly" ->
          index(
              e.activeHours(),
              h -> Long.toString(h.windowEnd().getEpochSecond()),
              h -> values(h.active24h(), h.weeklyAvg(), h.dropRatio()));
      case "active_tenants_hourly_by_plan" ->
          index(
              e.activeHoursByPlan(),
              h -> h.windowEnd().getEpochSecond() + " " + h.plan(),
              h -> values(h.active24h(), h.weeklyAvg(), h.dropRatio()));
      case "feature_adoption_daily" ->
          index(
              e.featureAdoption(),
              r -> r.day() + " " + r.plan() + " " + r.feature(),
              r -> values(r.inCatalog(), r.planTenants(), r.adoptingTenants(), r.adoptionRatio()));
      case "onboarding_tenants" ->
          index(
              e.onboardingTenants(),
              t -> t.tenantId(),
              t ->
                  values(
                      t.signedUpAt(),
                      t.cohortWeek(),
                      t.signupPlan(),
                      steps(t.stepFirstAt()),
                      t.completedAt(),
                      t.completionSeconds(),
                      t.completionNegative(),
                      t.firstValueAt(),
                      t.firstValueSeconds(),
                      t.firstValueNegative()));
      case "onboarding_cohorts" ->
          index(
              e.onboardingCohorts(),
              c -> c.cohortWeek().toString(),
              c ->
                  values(
                      c.signups(),
                      c.completed(),
                      c.completionRate(),
                      c.avgSeconds(),
                      c.p50Seconds(),
                      c.p90Seconds(),
                      c.completedWithin24h(),
                      c.dataQualityIssues(),
                      c.reachedValue(),
                      c.valueRate(),
                      c.valueAvgSeconds(),
                      c.valueP50Seconds(),
                      c.valueP90Seconds(),
                      c.valueWithin24h(),
                      c.valueDataQualityIssues()));
      case "usage_daily" ->
          index(
              e.usageDays(),
              u -> u.day() + " " + u.tenantId() + " " + u.meter(),
              u -> values(u.quantity()));
      case "usage_monthly" ->
          index(
              e.usageMonths(),
              u -> u.month() + " " + u.tenantId() + " " + u.meter(),
              u -> values(u.quantity()));
      case "usage_hourly" ->
          index(
              e.usageHours(),
              u -> u.hour().getEpochSecond() + " " + u.tenantId() + " " + u.meter(),
              u -> values(u.quantity()));
      case "usage_daily_by_plan" ->
          index(
              e.usageDaysByPlan(),
              u -> u.day() + " " + u.plan() + " " + u.meter(),
              u -> values(u.quantity(), u.tenants()));
      default -> throw new IllegalArgumentException("no comparison for " + table);
    };
  }

  private static String steps(Map<String, Instant> stepFirstAt) {
    return String.join(
        ",",
        stepFirstAt.entrySet().stream()
            .map(s -> s.getKey() + "=" + s.getValue().toEpochMilli())
            .sorted()
            .toList());
  }

  private static <T> Map<String, List<Object>> index(
      List<T> rows, Function<T, String> key, Function<T, List<Object>> values) {
    Map<String, List<Object>> indexed = new TreeMap<>();
    rows.forEach(r -> indexed.put(key.apply(r), values.apply(r)));
    return indexed;
  }

  private static List<Object> values(Object... values) {
    return Arrays.stream(values).map(OracleComparison::normalise).toList();
  }

  /** Longs for every integral value and instant (ms), doubles, text; null stays null. */
  private static Object normalise(Object v) {
    if (v == null) {
      return NULL;
    }
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (v instanceof Instant i) {
      return i.toEpochMilli();
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof BigInteger || v instanceof Number) {
      return ((Number) v).longValue();
    }
    return v.toString();
  }

  private static final String NULL = "NULL";

  private static void compare(
      String table,
      Map<String, List<Object>> expected,
      Map<String, List<Object>> actual,
      List<String> out) {
    int shown = 0;
    int differing = 0;
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      List<Object> want = expected.get(key);
      List<Object> got = actual.get(key);
      if (!same(want, got)) {
        differing++;
        if (shown++ < SHOWN_PER_TABLE) {
          out.add(table + " [" + key + "]: expected " + want + ", got " + got);
        }
      }
    }
    if (differing > SHOWN_PER_TABLE) {
      out.add(table + ": " + differing + " rows differ in all (of " + expected.size() + ")");
    }
  }

  private static boolean same(List<Object> want, List<Object> got) {
    if (want == null || got == null || want.size() != got.size()) {
      return want == got;
    }
    for (int i = 0; i < want.size(); i++) {
      Object w = want.get(i);
      Object g = got.get(i);
      if (w instanceof Double wd && g instanceof Double gd) {
        if (Math.abs(wd - gd) > 1e-9 * Math.max(1.0, Math.max(Math.abs(wd), Math.abs(gd)))) {
          return false;
        }
      } else if (!w.equals(g)) {
        return false;
      }
    }
    return true;
  }
}
