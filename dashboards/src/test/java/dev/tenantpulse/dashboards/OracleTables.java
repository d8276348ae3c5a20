package dev.tenantpulse.dashboards;

import dev.tenantpulse.scenario.oracle.ExpectedActiveHour;
import dev.tenantpulse.scenario.oracle.ExpectedActiveHourByPlan;
import dev.tenantpulse.scenario.oracle.ExpectedEvent;
import dev.tenantpulse.scenario.oracle.ExpectedFeatureAdoption;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.ExpectedOnboardingCohort;
import dev.tenantpulse.scenario.oracle.ExpectedOnboardingTenant;
import dev.tenantpulse.scenario.oracle.ExpectedTenant;
import dev.tenantpulse.scenario.oracle.ExpectedUsageDay;
import dev.tenantpulse.scenario.oracle.ExpectedUsageDayByPlan;
import dev.tenantpulse.scenario.oracle.ExpectedUsageMonth;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the oracle's expected rows into the tables, as the Flink jobs would: the state of the
 * tables once the pipeline has run over the scenario.
 *
 * <p>Metric rows are written twice when {@code staleCopies} is set: first a stale copy with wrong
 * values and an older {@code computed_at}, then the right row, in separate inserts (parts), as a
 * re-emit after a late event leaves them until a merge. A query without {@code FINAL} (or argMax)
 * would read the stale values.
 */
public final class OracleTables {

  /**
   * Tables the pipeline does not write and this class leaves empty: the billing exporter's. The
   * scenario runs no billing export, which is the "export off" state the billing panels must show
   * as no data (an empty result), not as an error.
   */
  public static final Set<String> LEFT_EMPTY = Set.of("billing_reconciliation");

  private static final Pattern READS_LEFT_EMPTY =
      Pattern.compile("\\b(?:" + String.join("|", LEFT_EMPTY) + ")\\b");

  /** Whether {@code sql} reads a table of {@link #LEFT_EMPTY}: it has no rows on these tables. */
  public static boolean readsATableLeftEmpty(String sql) {
    return READS_LEFT_EMPTY.matcher(sql).find();
  }

  private final Connection connection;
  private final String db;
  private final Instant computedAt;

  public OracleTables(Connection connection, String database, Instant computedAt) {
    this.connection = connection;
    this.db = database;
    this.computedAt = computedAt;
  }

  public void insert(ExpectedMetrics m, boolean staleCopies) throws SQLException {
    events(m.events());
    tenants(m.tenants());
    if (staleCopies) {
      activeHours(m.activeHours(), 1_000, computedAt.minusSeconds(60));
      activeHoursByPlan(m.activeHoursByPlan(), 1_000, computedAt.minusSeconds(60));
      usage(m.usageDays(), 1_000, computedAt.minusSeconds(60));
      usageMonths(m.usageMonths(), 1_000, computedAt.minusSeconds(60));
      usageByPlan(m.usageDaysByPlan(), 1_000, computedAt.minusSeconds(60));
    }
    activeHours(m.activeHours(), 0, computedAt);
    activeHoursByPlan(m.activeHoursByPlan(), 0, computedAt);
    adoption(m.featureAdoption());
    onboardingTenants(m.onboardingTenants());
    cohorts(m.onboardingCohorts());
    usage(m.usageDays(), 0, computedAt);
    usageMonths(m.usageMonths(), 0, computedAt);
    usageByPlan(m.usageDaysByPlan(), 0, computedAt);
  }

  private PreparedStatement prepare(String table, String columns, int count) throws SQLException {
    String marks = String.join(", ", Collections.nCopies(count, "?"));
    return connection.prepareStatement(
        "INSERT INTO " + db + "." + table + " (" + columns + ") VALUES (" + marks + ")");
  }

  private void events(List<ExpectedEvent> rows) throws SQLException {
    try (PreparedStatement p =
        prepare(
            "events",
            "tenant_id, event_id, type, event_time, received_at, user_id, feature, step, meter,"
                + " quantity, plan, billing_model, tenancy_model, seats, properties, late",
            16)) {
      for (ExpectedEvent e : rows) {
        p.setString(1, e.tenantId());
        p.setString(2, e.eventId());
        p.setString(3, e.type());
        p.setObject(4, e.eventTime());
        p.setObject(5, e.receivedAt() == null ? e.eventTime() : e.receivedAt());
        p.setString(6, e.userId());
        p.setString(7, e.feature());
        p.setString(8, e.step());
        p.setString(9, e.meter());
        p.setObject(10, e.quantity());
        p.setString(11, e.plan());
        p.setString(12, e.billingModel());
        p.setString(13, e.tenancyModel());
        p.setObject(14, e.seats());
        p.setString(15, e.properties() == null ? "{}" : e.properties());
        p.setInt(16, e.late() ? 1 : 0);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void tenants(List<ExpectedTenant> rows) throws SQLException {
    try (PreparedStatement p =
        prepare(
            "tenants",
            "tenant_id, plan, billing_model, tenancy_model, seats, signed_up_at, plan_changed_at,"
                + " churned_at, updated_at",
            9)) {
      for (ExpectedTenant t : rows) {
        p.setString(1, t.tenantId());
        p.setString(2, t.plan());
        p.setString(3, t.billingModel());
        p.setString(4, t.tenancyModel());
        p.setObject(5, t.seats());
        p.setObject(6, t.signedUpAt());
        p.setObject(7, t.planChangedAt());
        p.setObject(8, t.churnedAt());
        p.setObject(9, computedAt);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void activeHours(List<ExpectedActiveHour> rows, long skew, Instant at)
      throws SQLException {
    try (PreparedStatement p =
        prepare(
            "active_tenants_hourly",
            "window_end, active_24h, weekly_avg, drop_ratio, computed_at",
            5)) {
      for (ExpectedActiveHour h : rows) {
        p.setObject(1, h.windowEnd());
        p.setLong(2, h.active24h() + skew);
        p.setObject(3, h.weeklyAvg());
        p.setObject(4, h.dropRatio());
        p.setObject(5, at);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void activeHoursByPlan(List<ExpectedActiveHourByPlan> rows, long skew, Instant at)
      throws SQLException {
    try (PreparedStatement p =
        prepare(
            "active_tenants_hourly_by_plan",
            "window_end, plan, active_24h, weekly_avg, drop_ratio, computed_at",
            6)) {
      for (ExpectedActiveHourByPlan h : rows) {
        p.setObject(1, h.windowEnd());
        p.setString(2, h.plan());
        p.setLong(3, h.active24h() + skew);
        p.setObject(4, h.weeklyAvg());
        p.setObject(5, h.dropRatio());
        p.setObject(6, at);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void adoption(List<ExpectedFeatureAdoption> rows) throws SQLException {
    try (PreparedStatement p =
        prepare(
            "feature_adoption_daily",
            "day, plan, feature, in_catalog, plan_tenants, adopting_tenants, adoption_ratio,"
                + " computed_at",
            8)) {
      for (ExpectedFeatureAdoption r : rows) {
        p.setObject(1, r.day());
        p.setString(2, r.plan());
        p.setString(3, r.feature());
        p.setInt(4, r.inCatalog() ? 1 : 0);
        p.setLong(5, r.planTenants());
        p.setLong(6, r.adoptingTenants());
        p.setObject(7, r.adoptionRatio());
        p.setObject(8, computedAt);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void onboardingTenants(List<ExpectedOnboardingTenant> rows) throws SQLException {
    try (PreparedStatement p =
        prepare(
            "onboarding_tenants",
            "tenant_id, signed_up_at, cohort_week, signup_plan, step_first_at, completed_at,"
                + " completion_seconds, first_value_at, first_value_seconds, computed_at",
            10)) {
      for (ExpectedOnboardingTenant t : rows) {
        p.setString(1, t.tenantId());
        p.setObject(2, t.signedUpAt());
        p.setObject(3, t.cohortWeek());
        p.setString(4, t.signupPlan());
        p.setObject(5, t.stepFirstAt());
        p.setObject(6, t.completedAt());
        p.setObject(7, t.completionSeconds());
        p.setObject(8, t.firstValueAt());
        p.setObject(9, t.firstValueSeconds());
        p.setObject(10, computedAt);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void cohorts(List<ExpectedOnboardingCohort> rows) throws SQLException {
    try (PreparedStatement p =
        prepare(
            "onboarding_cohorts",
            "cohort_week, signups, completed, completion_rate, avg_seconds, p50_seconds,"
                + " p90_seconds, completed_within_24h, data_quality_issues, reached_value,"
                + " value_rate, value_avg_seconds, value_p50_seconds, value_p90_seconds,"
                + " value_within_24h, value_data_quality_issues, computed_at",
            17)) {
      for (ExpectedOnboardingCohort c : rows) {
        p.setObject(1, c.cohortWeek());
        p.setLong(2, c.signups());
        p.setLong(3, c.completed());
        p.setObject(4, c.completionRate());
        p.setObject(5, c.avgSeconds());
        p.setObject(6, c.p50Seconds());
        p.setObject(7, c.p90Seconds());
        p.setLong(8, c.completedWithin24h());
        p.setLong(9, c.dataQualityIssues());
        p.setLong(10, c.reachedValue());
        p.setObject(11, c.valueRate());
        p.setObject(12, c.valueAvgSeconds());
        p.setObject(13, c.valueP50Seconds());
        p.setObject(14, c.valueP90Seconds());
        p.setLong(15, c.valueWithin24h());
        p.setLong(16, c.valueDataQualityIssues());
        p.setObject(17, computedAt);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void usage(List<ExpectedUsageDay> rows, double skew, Instant at) throws SQLException {
    try (PreparedStatement p =
        prepare("usage_daily", "day, tenant_id, meter, quantity, computed_at", 5)) {
      for (ExpectedUsageDay u : rows) {
        p.setObject(1, u.day());
        p.setString(2, u.tenantId());
        p.setString(3, u.meter());
        p.setDouble(4, u.quantity() + skew);
        p.setObject(5, at);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void usageMonths(List<ExpectedUsageMonth> rows, double skew, Instant at)
      throws SQLException {
    try (PreparedStatement p =
        prepare("usage_monthly", "month, tenant_id, meter, quantity, computed_at", 5)) {
      for (ExpectedUsageMonth u : rows) {
        p.setObject(1, u.month());
        p.setString(2, u.tenantId());
        p.setString(3, u.meter());
        p.setDouble(4, u.quantity() + skew);
        p.setObject(5, at);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void usageByPlan(List<ExpectedUsageDayByPlan> rows, double skew, Instant at)
      throws SQLException {
    try (PreparedStatement p =
        prepare("usage_daily_by_plan", "day, plan, meter, quantity, tenants, computed_at", 6)) {
      for (ExpectedUsageDayByPlan u : rows) {
        p.setObject(1, u.day());
        p.setString(2, u.plan());
        p.setString(3, u.meter());
        p.setDouble(4, u.quantity() + skew);
        p.setLong(5, u.tenants() + (skew == 0 ? 0 : 1));
        p.setObject(6, at);
        p.addBatch();
      }
      p.executeBatch();
    }
  }
}
