package dev.tenantpulse.alerting.support;

import dev.tenantpulse.warehouse.chdb.TestEngine;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Writes rows into the real metric tables of a test database, the way the Flink jobs do (each write
 * a new version, so FINAL keeps the newest): on the JVM's chDB engine, or on any connection (a
 * ClickHouse server). Times and days are bound as UTC text, which both drivers pass alike and the
 * engine reads in the columns' zone.
 */
public final class MetricTables {

  /** Opens a connection to the engine holding the database. */
  public interface Connector {
    Connection connect() throws SQLException;
  }

  private static final DateTimeFormatter UTC_TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final String database;
  private final Connector connector;
  private long version = System.currentTimeMillis();

  private MetricTables(String database, Connector connector) {
    this.database = database;
    this.connector = connector;
  }

  /** The tables of {@code database}, already migrated, reached through {@code connector}. */
  public static MetricTables on(String database, Connector connector) {
    return new MetricTables(database, connector);
  }

  /** A fresh database with the project's schema. */
  public static MetricTables fresh(String hint) {
    try {
      String db = TestEngine.freshDatabase(hint);
      try (Connection c = TestEngine.connect()) {
        ClickHouseMigrations.forDatabase(db).migrate(c);
      }
      return new MetricTables(db, TestEngine::connect);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public String database() {
    return database;
  }

  /** An overall row of active_tenants_hourly (re-writing an hour replaces it). */
  public void activeHour(Instant windowEnd, long active, Double weeklyAvg, Double dropRatio) {
    insert(
        "INSERT INTO "
            + database
            + ".active_tenants_hourly (window_end, active_24h, weekly_avg, drop_ratio, computed_at,"
            + " version) VALUES (?, ?, ?, ?, ?, ?)",
        windowEnd,
        active,
        weeklyAvg,
        dropRatio,
        Instant.now(),
        ++version);
  }

  /** A per-plan row of active_tenants_hourly_by_plan. */
  public void activeHour(
      Instant windowEnd, String plan, long active, Double weeklyAvg, Double dropRatio) {
    insert(
        "INSERT INTO "
            + database
            + ".active_tenants_hourly_by_plan (window_end, plan, active_24h, weekly_avg,"
            + " drop_ratio, computed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        windowEnd,
        plan,
        active,
        weeklyAvg,
        dropRatio,
        Instant.now(),
        ++version);
  }

  /** One hour of active tenants: {@code plan} null for the overall table. */
  public record ActiveRow(
      Instant windowEnd, String plan, long active, Double weeklyAvg, Double dropRatio) {}

  /**
   * Many hours at once (a scenario's weeks of rows), as multi-row INSERTs of bound values. Not JDBC
   * batches: the chDB driver streams those, and a plain INSERT on the engine after such a stream
   * was seen to fail ("async inserts with both inlined and external data").
   */
  public void activeHours(List<ActiveRow> rows) {
    List<ActiveRow> overall = rows.stream().filter(r -> r.plan() == null).toList();
    List<ActiveRow> byPlan = rows.stream().filter(r -> r.plan() != null).toList();
    String now = UTC_TEXT.format(Instant.now());
    for (int from = 0; from < overall.size(); from += 200) {
      List<ActiveRow> chunk = overall.subList(from, Math.min(overall.size(), from + 200));
      List<Object> values = new ArrayList<>();
      for (ActiveRow r : chunk) {
        values.addAll(
            Arrays.asList(r.windowEnd(), r.active(), r.weeklyAvg(), r.dropRatio(), now, ++version));
      }
      insert(
          "INSERT INTO "
              + database
              + ".active_tenants_hourly (window_end, active_24h, weekly_avg, drop_ratio,"
              + " computed_at, version) VALUES "
              + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?, ?)")),
          values.toArray());
    }
    for (int from = 0; from < byPlan.size(); from += 200) {
      List<ActiveRow> chunk = byPlan.subList(from, Math.min(byPlan.size(), from + 200));
      List<Object> values = new ArrayList<>();
      for (ActiveRow r : chunk) {
        values.addAll(
            Arrays.asList(
                r.windowEnd(), r.plan(), r.active(), r.weeklyAvg(), r.dropRatio(), now, ++version));
      }
      insert(
          "INSERT INTO "
              + database
              + ".active_tenants_hourly_by_plan (window_end, plan, active_24h, weekly_avg,"
              + " drop_ratio, computed_at, version) VALUES "
              + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?, ?, ?)")),
          values.toArray());
    }
  }

  /** A cohort row of onboarding_cohorts (only the columns the rule reads carry meaning). */
  public void cohort(LocalDate week, long signups, long completed, Long p50Seconds) {
    insert(
        "INSERT INTO "
            + database
            + ".onboarding_cohorts (cohort_week, signups, completed, completion_rate, avg_seconds,"
            + " p50_seconds, p90_seconds, completed_within_24h, data_quality_issues, reached_value,"
            + " value_rate, value_avg_seconds, value_p50_seconds, value_p90_seconds,"
            + " value_within_24h, value_data_quality_issues, computed_at, version)"
            + " VALUES (?, ?, ?, ?, NULL, ?, ?, 0, 0, 0, NULL, NULL, NULL, NULL, 0, 0, ?, ?)",
        week,
        signups,
        completed,
        signups == 0 ? null : (double) completed / signups,
        p50Seconds,
        p50Seconds,
        Instant.now(),
        ++version);
  }

  /** A row of feature_adoption_daily. */
  public void adoption(
      LocalDate day, String plan, String feature, long planTenants, long adopting) {
    insert(
        "INSERT INTO "
            + database
            + ".feature_adoption_daily (day, plan, feature, in_catalog, plan_tenants,"
            + " adopting_tenants, adoption_ratio, computed_at, version)"
            + " VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)",
        day,
        plan,
        feature,
        planTenants,
        adopting,
        planTenants == 0 ? null : (double) adopting / planTenants,
        Instant.now(),
        ++version);
  }

  /** Empties every metric table (between tests sharing one database). */
  public void truncateAll() {
    try (Connection c = connector.connect();
        Statement s = c.createStatement()) {
      for (String t :
          new String[] {
            "active_tenants_hourly",
            "active_tenants_hourly_by_plan",
            "onboarding_cohorts",
            "feature_adoption_daily"
          }) {
        s.execute("TRUNCATE TABLE " + database + "." + t);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void insert(String sql, Object... values) {
    try (Connection c = connector.connect();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        if (v instanceof Instant at) {
          v = UTC_TEXT.format(at);
        } else if (v instanceof LocalDate day) {
          v = day.toString();
        }
        ps.setObject(i + 1, v);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
