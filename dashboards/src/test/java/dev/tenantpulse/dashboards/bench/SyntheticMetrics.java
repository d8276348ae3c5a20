package dev.tenantpulse.dashboards.bench;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Metric tables as the Flink jobs would fill them for {@code tenants} tenants over {@code days}
 * days ending at {@code end}, generated inside the engine with {@code INSERT … SELECT FROM
 * numbers()} (millions of rows in seconds, where text inserts would take minutes). Plans, features,
 * steps, meters and billing models come from the catalog, plus two features the catalog does not
 * know. Values are deterministic (hashes of the row number), plausible, and include a 12-hour drop
 * of active tenants to 60 % of the baseline near the end, so every panel has something to show.
 *
 * <p>A share of the rows of each metric table is written a second time with a newer {@code
 * computed_at}, in separate inserts (separate parts), as re-emits and sink retries do: that is what
 * {@code FINAL} has to collapse.
 */
public final class SyntheticMetrics {

  /** Features reported by tenants that the catalog does not list (in_catalog = 0). */
  static final List<String> UNCATALOGED_FEATURES = List.of("beta_assistant", "legacy_export");

  /** A second meter beside the catalog's priced one(s): usage may report any meter. */
  static final String EXTRA_METER = "storage_gb";

  /**
   * @param reemitEvery every n-th row of each metric table is written again (0: none)
   */
  public record Shape(int tenants, int days, long events, Instant end, int reemitEvery) {
    public Shape {
      if (tenants < 1 || days < 8 || events < 0 || reemitEvery < 0) {
        throw new IllegalArgumentException(
            "need ≥ 1 tenant, ≥ 8 days (a weekly average needs 7), ≥ 0 events: " + this);
      }
    }

    public Instant start() {
      return end.minus(Duration.ofDays(days));
    }

    public long usageRows(PlanCatalog catalog) {
      return (long) days * tenants * meters(catalog).size();
    }
  }

  private final PlanCatalog catalog;
  private final Shape shape;
  private final String db;

  public SyntheticMetrics(PlanCatalog catalog, Shape shape, String database) {
    this.catalog = catalog;
    this.shape = shape;
    this.db = database;
  }

  /** Fills every table of the migrated database; returns the rows written per table. */
  public List<String> fill(Connection connection) throws SQLException {
    List<String> report = new ArrayList<>();
    try (Statement s = connection.createStatement()) {
      for (String table : TABLES) {
        long started = System.nanoTime();
        for (String sql : inserts(table)) {
          s.execute(sql);
        }
        report.add(
            "%-30s %,12d rows  %5.1f s"
                .formatted(table, count(s, table), (System.nanoTime() - started) / 1e9));
      }
    }
    return report;
  }

  public static final List<String> TABLES =
      List.of(
          "tenants",
          "active_tenants_hourly",
          "active_tenants_hourly_by_plan",
          "feature_adoption_daily",
          "onboarding_tenants",
          "onboarding_cohorts",
          "usage_daily",
          "usage_monthly",
          "usage_daily_by_plan",
          "billing_reconciliation",
          "events");

  private long count(Statement s, String table) throws SQLException {
    try (var rs = s.executeQuery("SELECT count() FROM " + db + "." + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<String> inserts(String table) {
    return switch (table) {
      case "tenants" -> List.of(tenants());
      case "active_tenants_hourly" -> withReemits(table, activeHourly());
      case "active_tenants_hourly_by_plan" -> withReemits(table, activeByPlan());
      case "feature_adoption_daily" -> withReemits(table, adoption());
      case "onboarding_tenants" -> withReemits(table, onboardingTenants());
      case "onboarding_cohorts" -> List.of(onboardingCohorts());
      case "usage_daily" -> withReemits(table, usage());
      case "usage_monthly" -> withReemits(table, usageMonthly());
      case "usage_daily_by_plan" -> withReemits(table, usageByPlan());
      case "billing_reconciliation" -> reconciliation();
      case "events" -> shape.events() == 0 ? List.of(signups()) : List.of(events(), signups());
      default -> throw new IllegalArgumentException(table);
    };
  }

  /** The insert, then every n-th of its rows again, computed one second later. */
  private List<String> withReemits(String table, String select) {
    String columns = COLUMNS.get(table);
    String insert = "INSERT INTO " + db + "." + table + " (" + columns + ") ";
    if (shape.reemitEvery() == 0) {
      return List.of(insert + select);
    }
    String again =
        "SELECT "
            + columns.replace("computed_at", "computed_at + toIntervalSecond(1)")
            + " FROM ("
            + select
            + ") WHERE cityHash64("
            + columns.split(",")[0]
            + ", "
            + columns.split(",")[1].trim()
            + ") % "
            + shape.reemitEvery()
            + " = 0";
    return List.of(insert + select, insert + again);
  }

  private static final Map<String, String> COLUMNS =
      Map.of(
          "active_tenants_hourly", "window_end, active_24h, weekly_avg, drop_ratio, computed_at",
          "active_tenants_hourly_by_plan",
              "window_end, plan, active_24h, weekly_avg, drop_ratio, computed_at",
          "feature_adoption_daily",
              "day, plan, feature, in_catalog, plan_tenants, adopting_tenants, adoption_ratio,"
                  + " computed_at",
          "onboarding_tenants",
              "tenant_id, signed_up_at, cohort_week, signup_plan, step_first_at, completed_at,"
                  + " completion_seconds, first_value_at, first_value_seconds, computed_at",
          "usage_daily", "day, tenant_id, meter, quantity, computed_at",
          "usage_monthly", "month, tenant_id, meter, quantity, computed_at",
          "usage_daily_by_plan", "day, plan, meter, quantity, tenants, computed_at");

  // --- the tables -------------------------------------------------------------------------

  private String tenantId(String n) {
    return "concat('t', leftPad(toString(" + n + "), 6, '0'))";
  }

  /** Plan of tenant n: 1 in 20 has none yet (unknown), the rest spread over the catalog. */
  private String planOf(String n) {
    return "if(cityHash64(%s, 1) %% 20 = 0, 'unknown', %s[1 + cityHash64(%s, 2) %% %d])"
        .formatted(n, array(catalog.planIds()), n, catalog.planIds().size());
  }

  private String computedAt() {
    return "toDateTime64(" + shape.end().getEpochSecond() + ", 3, 'UTC')";
  }

  private String tenants() {
    List<String> billing =
        Arrays.stream(BillingModel.values()).map(BillingModel::wireName).toList();
    return """
        INSERT INTO %s.tenants (tenant_id, plan, billing_model, seats, signed_up_at, plan_changed_at,
            churned_at, updated_at)
        SELECT %s AS tenant_id, %s AS plan,
            if(plan = 'unknown' OR cityHash64(number, 3) %% 10 = 0, NULL,
                %s[1 + cityHash64(number, 4) %% %d]) AS billing_model,
            if(billing_model = 'per_seat', toUInt32(1 + cityHash64(number, 5) %% 200), NULL) AS seats,
            if(plan = 'unknown', NULL,
                toDateTime64(%d + cityHash64(number, 6) %% %d, 3, 'UTC')) AS signed_up_at,
            signed_up_at AS plan_changed_at,
            if(cityHash64(number, 7) %% 25 = 0, signed_up_at + toIntervalDay(10), NULL) AS churned_at,
            %s AS updated_at
        FROM numbers(%d)"""
        .formatted(
            db,
            tenantId("number"),
            planOf("number"),
            array(billing),
            billing.size(),
            shape.start().getEpochSecond(),
            (long) shape.days() * 86_400,
            computedAt(),
            shape.tenants());
  }

  /** Hours from the start, the baseline 60 % of the tenants with a daily wave, and the drop. */
  private String activeSeries(String hour, double share) {
    long hours = (long) shape.days() * 24;
    long dropFrom = hours - 5 * 24;
    return """
        toUInt64(round(%f * (1 + 0.05 * sin(%s * 2 * pi() / 24))
            * if(%s BETWEEN %d AND %d, 0.6, 1))) AS active_24h,
        if(%s < 168, NULL, %f) AS weekly_avg,
        if(weekly_avg IS NULL OR weekly_avg = 0, NULL, 1 - active_24h / weekly_avg) AS drop_ratio"""
        .formatted(
            shape.tenants() * 0.6 * share,
            hour,
            hour,
            dropFrom,
            dropFrom + 11,
            hour,
            shape.tenants() * 0.6 * share);
  }

  private String activeHourly() {
    return "SELECT toDateTime(%d + (number + 1) * 3600, 'UTC') AS window_end, %s, %s AS computed_at FROM numbers(%d)"
        .formatted(
            shape.start().getEpochSecond(),
            activeSeries("number", 1.0),
            computedAt(),
            (long) shape.days() * 24);
  }

  private String activeByPlan() {
    List<String> plans = new ArrayList<>(catalog.planIds());
    plans.add(PlanCatalog.UNKNOWN_PLAN);
    int n = plans.size();
    return """
        SELECT toDateTime(%d + (intDiv(number, %d) + 1) * 3600, 'UTC') AS window_end,
            %s[1 + number %% %d] AS plan, %s, %s AS computed_at
        FROM numbers(%d)"""
        .formatted(
            shape.start().getEpochSecond(),
            n,
            array(plans),
            n,
            activeSeries("intDiv(number, " + n + ")", 1.0 / n),
            computedAt(),
            (long) shape.days() * 24 * n);
  }

  private String adoption() {
    List<String> features = new ArrayList<>(catalog.featureIds());
    int catalogFeatures = features.size();
    features.addAll(UNCATALOGED_FEATURES);
    int plans = catalog.planIds().size();
    int perDay = plans * features.size();
    return """
        SELECT toDate(toDateTime(%d, 'UTC')) + intDiv(number, %d) AS day,
            %s[1 + intDiv(number %% %d, %d)] AS plan,
            %s[1 + number %% %d] AS feature,
            toUInt8(1 + number %% %d <= %d) AS in_catalog,
            toUInt64(%d + cityHash64(day, plan) %% 50) AS plan_tenants,
            toUInt64(plan_tenants * (cityHash64(plan, feature) %% 100) / 100
                * (0.7 + 0.3 * intDiv(number, %d) / %d)) AS adopting_tenants,
            if(plan_tenants = 0, NULL, adopting_tenants / plan_tenants) AS adoption_ratio,
            %s AS computed_at
        FROM numbers(%d)"""
        .formatted(
            shape.start().getEpochSecond(),
            perDay,
            array(catalog.planIds()),
            perDay,
            features.size(),
            array(features),
            features.size(),
            features.size(),
            catalogFeatures,
            Math.max(1, shape.tenants() * 3 / 10),
            perDay,
            shape.days(),
            computedAt(),
            (long) shape.days() * perDay);
  }

  /**
   * Tenant n signs up evenly over the range and reaches the first k steps of the catalog funnel (k
   * from 0 to all), one step every 1–25 h.
   */
  private String onboardingTenants() {
    List<String> steps = catalog.onboardingSteps();
    return """
        SELECT tenant_id, signed_up_at, toMonday(signed_up_at) AS cohort_week, signup_plan,
            mapFromArrays(reached, times) AS step_first_at,
            if(has(reached, %s), times[indexOf(reached, %s)], NULL) AS completed_at,
            dateDiff('second', signed_up_at, completed_at) AS completion_seconds,
            if(has(reached, %s), times[indexOf(reached, %s)], NULL) AS first_value_at,
            dateDiff('second', signed_up_at, first_value_at) AS first_value_seconds,
            %s AS computed_at
        FROM (
            SELECT %s AS tenant_id, %s AS signup_plan,
                toDateTime64(%d + intDiv(number * %d, %d), 3, 'UTC') AS signed_up_at,
                arraySlice(%s, 1, cityHash64(number, 8) %% %d) AS reached,
                arrayMap(i -> signed_up_at + toIntervalSecond(i * (3600 + cityHash64(number, i) %% 86400)),
                    arrayEnumerate(reached)) AS times
            FROM numbers(%d)
        )
        WHERE signup_plan != 'unknown'"""
        .formatted(
            literal(catalog.completionStep()),
            literal(catalog.completionStep()),
            literal(catalog.valueStep()),
            literal(catalog.valueStep()),
            computedAt(),
            tenantId("number"),
            planOf("number"),
            shape.start().getEpochSecond(),
            (long) shape.days() * 86_400,
            shape.tenants(),
            array(steps),
            steps.size() + 1,
            shape.tenants());
  }

  /** Cohorts aggregated from the tenants (quantileExact: synthetic data, not the nearest rank). */
  private String onboardingCohorts() {
    return """
        INSERT INTO %1$s.onboarding_cohorts (cohort_week, signups, completed, completion_rate,
            avg_seconds, p50_seconds, p90_seconds, completed_within_24h, data_quality_issues,
            reached_value, value_rate, value_avg_seconds, value_p50_seconds, value_p90_seconds,
            value_within_24h, value_data_quality_issues, computed_at)
        SELECT cohort_week, count() AS signups, count(completed_at) AS done, done / signups,
            avgIf(completion_seconds, completion_seconds >= 0),
            if(done = 0, NULL, toInt64(quantileExact(0.5)(assumeNotNull(completion_seconds)))),
            if(done = 0, NULL, toInt64(quantileExact(0.9)(assumeNotNull(completion_seconds)))),
            countIf(completion_seconds BETWEEN 0 AND 86400), countIf(completion_seconds < 0),
            count(first_value_at) AS valued, valued / signups,
            avgIf(first_value_seconds, first_value_seconds >= 0),
            if(valued = 0, NULL, toInt64(quantileExact(0.5)(assumeNotNull(first_value_seconds)))),
            if(valued = 0, NULL, toInt64(quantileExact(0.9)(assumeNotNull(first_value_seconds)))),
            countIf(first_value_seconds BETWEEN 0 AND 86400), countIf(first_value_seconds < 0),
            %2$s
        FROM %1$s.onboarding_tenants FINAL
        GROUP BY cohort_week"""
        .formatted(db, computedAt());
  }

  static List<String> meters(PlanCatalog catalog) {
    List<String> meters = new ArrayList<>(catalog.meters());
    meters.add(EXTRA_METER);
    return meters;
  }

  private String usage() {
    List<String> meters = meters(catalog);
    int m = meters.size();
    long perDay = (long) shape.tenants() * m;
    return """
        SELECT toDate(toDateTime(%d, 'UTC')) + intDiv(number, %d) AS day,
            %s AS tenant_id,
            %s[1 + number %% %d] AS meter,
            (cityHash64(number) %% 100000) / 10 AS quantity,
            %s AS computed_at
        FROM numbers(%d)"""
        .formatted(
            shape.start().getEpochSecond(),
            perDay,
            tenantId("intDiv(number, " + m + ") % " + shape.tenants()),
            array(meters),
            m,
            computedAt(),
            (long) shape.days() * perDay);
  }

  /**
   * The monthly rollup the usage job writes beside {@code usage_daily}: per month, the sum of the
   * newest {@code usage_daily} rows (the first month partial, as the data starts mid-month).
   */
  private String usageMonthly() {
    return """
        SELECT month, tenant_id, meter, q AS quantity, c AS computed_at
        FROM (
            SELECT toStartOfMonth(day) AS month, tenant_id, meter, sum(quantity) AS q,
                max(computed_at) AS c
            FROM %s.usage_daily FINAL
            GROUP BY month, tenant_id, meter
        )"""
        .formatted(db);
  }

  /**
   * The per-plan rollup the usage job writes: the newest {@code usage_daily} rows grouped by the
   * tenant's plan at the end of the day. A synthetic tenant never changes plan, so that is its
   * {@code tenants} plan from its signup day on, unknown before.
   */
  private String usageByPlan() {
    return """
        SELECT day, plan, meter, q AS quantity, n AS tenants, c AS computed_at
        FROM (
            SELECT u.day AS day,
                if(t.signed_up_at IS NOT NULL AND toDate(t.signed_up_at, 'UTC') <= u.day,
                    t.plan, 'unknown') AS plan,
                u.meter AS meter, sum(u.quantity) AS q, count() AS n, max(u.computed_at) AS c
            FROM (SELECT day, tenant_id, meter, quantity, computed_at
                  FROM %1$s.usage_daily FINAL) AS u
            LEFT JOIN (SELECT tenant_id, plan, signed_up_at FROM %1$s.tenants FINAL) AS t
                ON u.tenant_id = t.tenant_id
            GROUP BY day, plan, meter
        )"""
        .formatted(db);
  }

  /**
   * What the billing exporter writes: per tenant, billed meter and day, one hour (a tenant billed
   * for a few hours a day) with its measured and exported units. Most hours are exported; 1 in 20
   * is still owed (nothing exported), 1 in 200 has no Stripe customer. Every n-th row is written
   * again one second later with the same figures, as the exporter re-writes an hour that changed.
   */
  private List<String> reconciliation() {
    List<String> meters =
        catalog.billingMeters().stream().map(m -> m.meter()).collect(Collectors.toList());
    int m = meters.size();
    long perDay = (long) shape.tenants() * m;
    String select =
        """
        SELECT toDateTime(%d + intDiv(number, %d) * 86400 + cityHash64(number, 13) %% 24 * 3600,
                'UTC') AS hour,
            %s AS tenant_id,
            %s[1 + number %% %d] AS meter,
            meter AS stripe_event_name,
            toFloat64(cityHash64(number, 14) %% 1000) AS measured_quantity,
            toInt64(measured_quantity) AS measured_units,
            multiIf(cityHash64(number, 15) %% 200 = 0, 'no_customer',
                cityHash64(number, 15) %% 20 = 0, 'owed', 'exported') AS status,
            if(status = 'exported', measured_units, 0) AS exported_units,
            measured_units - exported_units AS difference_units,
            if(status = 'no_customer', 'tenant has no stripe_customer_id', NULL) AS last_error,
            %s AS updated_at
        FROM numbers(%d)"""
            .formatted(
                shape.start().getEpochSecond(),
                perDay,
                tenantId("intDiv(number, " + m + ") % " + shape.tenants()),
                array(meters),
                m,
                computedAt(),
                (long) shape.days() * perDay);
    String insert =
        "INSERT INTO "
            + db
            + ".billing_reconciliation (hour, tenant_id, meter, stripe_event_name,"
            + " measured_quantity, measured_units, status, exported_units, difference_units,"
            + " last_error, updated_at) ";
    if (shape.reemitEvery() == 0) {
      return List.of(insert + select);
    }
    String again =
        "SELECT * REPLACE (updated_at + toIntervalSecond(1) AS updated_at) FROM ("
            + select
            + ") WHERE cityHash64(hour, tenant_id) % "
            + shape.reemitEvery()
            + " = 0";
    return List.of(insert + select, insert + again);
  }

  /** The signup event of every tenant that signed up, as {@code tenants} states it. */
  private String signups() {
    return """
        INSERT INTO %1$s.events (tenant_id, event_id, type, event_time, received_at, plan,
            billing_model, seats)
        SELECT tenant_id, concat('signup-', tenant_id), 'tenant_signed_up', signed_up_at,
            signed_up_at, plan, billing_model, seats
        FROM %1$s.tenants FINAL
        WHERE signed_up_at IS NOT NULL"""
        .formatted(db);
  }

  /**
   * A tenant to type into the tenant board: signed up, on a catalog plan, not churned, with an
   * onboarding row (usage and events spread over every tenant). The first by id, once filled.
   */
  public String drillDownTenant(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        var rs =
            s.executeQuery(
                """
                SELECT tenant_id FROM %1$s.onboarding_tenants FINAL
                WHERE tenant_id IN (SELECT tenant_id FROM %1$s.tenants FINAL
                    WHERE churned_at IS NULL AND plan != 'unknown')
                ORDER BY tenant_id LIMIT 1"""
                    .formatted(db))) {
      if (!rs.next()) {
        throw new IllegalStateException("no synthetic tenant to drill down into");
      }
      return rs.getString(1);
    }
  }

  /** A sample of raw events, evenly over the range; 1 in 1,000 arrived late. */
  private String events() {
    List<String> types =
        List.of("activity", "feature_used", "onboarding_step", "usage", "activity", "activity");
    long spanMillis = (long) shape.days() * 86_400_000L;
    return """
        INSERT INTO %s.events (tenant_id, event_id, type, event_time, received_at, feature, step,
            meter, quantity, late)
        SELECT %s AS tenant_id, concat('e', toString(number)) AS event_id,
            %s[1 + cityHash64(number, 9) %% %d] AS type,
            fromUnixTimestamp64Milli(toInt64(%d + intDiv(number * %d, %d)), 'UTC') AS event_time,
            event_time + toIntervalSecond(1) AS received_at,
            if(type = 'feature_used', %s[1 + cityHash64(number, 10) %% %d], NULL) AS feature,
            if(type = 'onboarding_step', %s[1 + cityHash64(number, 11) %% %d], NULL) AS step,
            if(type = 'usage', %s, NULL) AS meter,
            if(type = 'usage', toFloat64(1 + cityHash64(number, 12) %% 100), NULL) AS quantity,
            toUInt8(number %% 1000 = 0) AS late
        FROM numbers(%d)"""
        .formatted(
            db,
            tenantId("cityHash64(number) % " + shape.tenants()),
            array(types),
            types.size(),
            shape.start().toEpochMilli(),
            spanMillis,
            shape.events(),
            array(catalog.featureIds()),
            catalog.featureIds().size(),
            array(catalog.onboardingSteps()),
            catalog.onboardingSteps().size(),
            literal(meters(catalog).get(0)),
            shape.events());
  }

  private static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String array(List<String> values) {
    return values.stream()
        .map(SyntheticMetrics::literal)
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
