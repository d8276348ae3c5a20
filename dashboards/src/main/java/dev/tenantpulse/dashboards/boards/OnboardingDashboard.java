package dev.tenantpulse.dashboards.boards;

import static dev.tenantpulse.dashboards.model.ExpectedColumn.number;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.text;
import static dev.tenantpulse.dashboards.model.ExpectedColumn.time;

import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.FieldConfig;
import dev.tenantpulse.dashboards.model.FieldOverride;
import dev.tenantpulse.dashboards.model.Json;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.QueryType;
import dev.tenantpulse.dashboards.model.Thresholds;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.util.List;

/**
 * Product managers: how fast new tenants finish onboarding and reach first value, per weekly signup
 * cohort (Monday, UTC), and where they stop in the funnel. Percentiles are the pipeline's nearest
 * rank values, read as stored (ClickHouse's quantile functions define them differently).
 */
public final class OnboardingDashboard {

  public static final String UID = "tenant-pulse-onboarding";

  private static final String COHORTS_IN_RANGE =
      """
      FROM tenant_pulse.onboarding_cohorts FINAL
      WHERE $__dateFilter(cohort_week)""";

  private OnboardingDashboard() {}

  public static Dashboard build(PlanCatalog catalog) {
    return Dashboard.builder(UID, "Tenant Pulse · Onboarding")
        .description(
            "Signup cohorts: completion and time to first value ("
                + catalog.valueStep()
                + "), which predicts trial-to-paid conversion.")
        .tags(BoardDefaults.tags("product"), BoardDefaults.TAG)
        .time("now-180d", BoardDefaults.REFRESH)
        .variable(Variables.plan(catalog))
        .panel(totals(), 24, 5)
        .panel(
            Panels.bars(
                "Signups, completions and first value per cohort",
                "Tenants by signup week; completed and reached value so far.",
                """
                SELECT toDateTime(cohort_week, 'UTC') AS time, signups, completed, reached_value
                %s
                ORDER BY time"""
                    .formatted(COHORTS_IN_RANGE),
                time("time"),
                number("signups"),
                number("completed"),
                number("reached_value")),
            12,
            9)
        .panel(
            share(
                Panels.bars(
                    "Completion and value rate per cohort",
                    "Completed (or reached value) / signups of the cohort.",
                    """
                    SELECT toDateTime(cohort_week, 'UTC') AS time, completion_rate, value_rate
                    %s
                    ORDER BY time"""
                        .formatted(COHORTS_IN_RANGE),
                    time("time"),
                    number("completion_rate"),
                    number("value_rate"))),
            12,
            9)
        .panel(
            seconds(
                Panels.bars(
                    "Time to complete onboarding (p50, p90)",
                    "Nearest-rank percentiles of signup → " + catalog.completionStep() + ".",
                    """
                    SELECT toDateTime(cohort_week, 'UTC') AS time, p50_seconds, p90_seconds
                    %s
                    ORDER BY time"""
                        .formatted(COHORTS_IN_RANGE),
                    time("time"),
                    number("p50_seconds"),
                    number("p90_seconds"))),
            8,
            9)
        .panel(
            seconds(
                Panels.bars(
                    "Time to first value (p50, p90)",
                    "Nearest-rank percentiles of signup → " + catalog.valueStep() + ".",
                    """
                    SELECT toDateTime(cohort_week, 'UTC') AS time, value_p50_seconds, value_p90_seconds
                    %s
                    ORDER BY time"""
                        .formatted(COHORTS_IN_RANGE),
                    time("time"),
                    number("value_p50_seconds"),
                    number("value_p90_seconds"))),
            8,
            9)
        .panel(
            share(
                Panels.bars(
                    "Done within 24 h",
                    "Share of the cohort's signups that completed, or reached first value, within"
                        + " 24 h of signing up.",
                    """
                    SELECT toDateTime(cohort_week, 'UTC') AS time,
                        completed_within_24h / signups AS completed_within_24h_share,
                        value_within_24h / signups AS value_within_24h_share
                    %s AND signups > 0
                    ORDER BY time"""
                        .formatted(COHORTS_IN_RANGE),
                    time("time"),
                    number("completed_within_24h_share"),
                    number("value_within_24h_share"))),
            8,
            9)
        .panel(funnel(catalog), 10, 10)
        .panel(cohortTable(), 14, 10)
        .build();
  }

  private static Panel.Spec totals() {
    Panel.Spec spec =
        Panels.stat(
            "Cohorts in range",
            "Signup cohorts whose week starts in the range, summed.",
            QueryType.TABLE,
            """
            SELECT sum(signups) AS signed_up,
                if(signed_up = 0, NULL, sum(completed) / signed_up) AS completed_share,
                if(signed_up = 0, NULL, sum(value_within_24h) / signed_up) AS value_within_24h_share,
                sum(data_quality_issues) + sum(value_data_quality_issues) AS data_errors
            %s"""
                .formatted(COHORTS_IN_RANGE),
            number("signed_up"),
            number("completed_share"),
            number("value_within_24h_share"),
            number("data_errors"));
    return spec.fieldConfig(
        spec.fieldConfig()
            .override(percent("completed_share"))
            .override(percent("value_within_24h_share"))
            .override(
                FieldOverride.byName("data_errors")
                    .with("thresholds", Thresholds.of("green").step(1, "orange").toJson())));
  }

  /**
   * Tenants that reached each catalog step, in funnel order, as a share of the signups of the range
   * (steps may be reported out of order: each step counts on its own).
   */
  private static Panel.Spec funnel(PlanCatalog catalog) {
    List<String> steps = catalog.onboardingSteps();
    Panel.Spec spec =
        Panels.barChart(
            "Onboarding funnel",
            "Share of the tenants that signed up in the range (on the selected plans) that"
                + " reached each step.",
            "step",
            """
            SELECT step, countIf(mapContains(step_first_at, step)) / count() AS reached
            FROM (
                SELECT step_first_at
                FROM tenant_pulse.onboarding_tenants FINAL
                WHERE $__timeFilter(signed_up_at) AND signup_plan IN (${plan:singlequote})
            )
            ARRAY JOIN %s AS step
            GROUP BY step
            ORDER BY indexOf(%s, step)"""
                .formatted(CatalogSql.array(steps), CatalogSql.array(steps)),
            text("step"),
            number("reached"));
    return spec.fieldConfig(spec.fieldConfig().unit("percentunit").decimals(0).min(0).max(1));
  }

  private static Panel.Spec cohortTable() {
    Panel.Spec spec =
        Panels.table(
            "Cohorts",
            "One row per signup week. Negative durations are data errors: counted as done, left"
                + " out of the times, counted as data-quality issues.",
            """
            SELECT cohort_week, signups, completed, completion_rate, p50_seconds, p90_seconds,
                reached_value, value_rate, value_p50_seconds, value_p90_seconds,
                value_within_24h, data_quality_issues + value_data_quality_issues AS data_errors
            %s
            ORDER BY cohort_week DESC"""
                .formatted(COHORTS_IN_RANGE),
            time("cohort_week"),
            number("signups"),
            number("completed"),
            number("completion_rate"),
            number("p50_seconds"),
            number("p90_seconds"),
            number("reached_value"),
            number("value_rate"),
            number("value_p50_seconds"),
            number("value_p90_seconds"),
            number("value_within_24h"),
            number("data_errors"));
    FieldConfig config = spec.fieldConfig();
    for (String rate : List.of("completion_rate", "value_rate")) {
      config = config.override(percent(rate));
    }
    for (String duration :
        List.of("p50_seconds", "p90_seconds", "value_p50_seconds", "value_p90_seconds")) {
      config = config.override(FieldOverride.byName(duration).with("unit", "s"));
    }
    return spec.fieldConfig(config);
  }

  private static FieldOverride percent(String field) {
    return FieldOverride.byName(field).with("unit", "percentunit").with("decimals", Json.number(1));
  }

  private static Panel.Spec share(Panel.Spec spec) {
    return spec.fieldConfig(spec.fieldConfig().unit("percentunit").decimals(1).min(0).max(1));
  }

  private static Panel.Spec seconds(Panel.Spec spec) {
    return spec.fieldConfig(spec.fieldConfig().unit("s").min(0));
  }
}
