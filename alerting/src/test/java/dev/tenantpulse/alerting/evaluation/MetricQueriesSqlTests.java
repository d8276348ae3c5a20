package dev.tenantpulse.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.clickhouse.ClickHouseSource;
import java.time.Instant;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The metric queries as SQL text, without a database: they read the newest versions (FINAL) of the
 * design's tables and bind every value, times as UTC text converted by the engine.
 */
class MetricQueriesSqlTests {

  ClickHouseSource ch =
      new ClickHouseSource(new DriverManagerDataSource("jdbc:chdb:/unused"), "tenant_pulse");
  DSLContext ctx = ch.renderer();
  Instant now = Instant.parse("2026-11-27T10:05:00Z");

  @Test
  void activeTenantsReadTheNewestClosedHourWithFinal() {
    Query overall = ActiveTenantsEvaluator.newestOverall(ctx, ch, now);
    assertThat(overall.getSQL())
        .contains("from \"tenant_pulse\".\"active_tenants_hourly\" FINAL")
        .contains("\"window_end\" <= toDateTime(?, 'UTC')")
        .contains("order by \"window_end\" desc")
        .contains("limit ?");
    assertThat(overall.getBindValues()).containsExactly("2026-11-27 10:05:00", 1L);

    Query byPlan = ActiveTenantsEvaluator.newestByPlan(ctx, ch, now);
    assertThat(byPlan.getSQL())
        .contains("from \"tenant_pulse\".\"active_tenants_hourly_by_plan\" FINAL")
        .contains(
            "(select max(\"window_end\") from \"tenant_pulse\".\"active_tenants_hourly_by_plan\" where");
  }

  @Test
  void theSameWeekdayAndBacktestQueriesBindTheirHours() {
    Query weeks =
        ActiveTenantsEvaluator.hoursIn(
            ctx, ch, true, DropBaseline.earlierWeeks(Instant.parse("2026-11-29T12:00:00Z"), 2));
    assertThat(weeks.getSQL())
        .contains("from \"tenant_pulse\".\"active_tenants_hourly_by_plan\" FINAL")
        // jOOQ's ClickHouse rendering of IN.
        .contains("has(array(toDateTime(?, 'UTC'), toDateTime(?, 'UTC')), \"window_end\")");
    assertThat(weeks.getBindValues()).containsExactly("2026-11-22 12:00:00", "2026-11-15 12:00:00");

    Query range =
        ActiveTenantsEvaluator.range(ctx, ch, false, Instant.parse("2026-11-01T00:00:00Z"), now);
    assertThat(range.getSQL())
        .contains("from \"tenant_pulse\".\"active_tenants_hourly\" FINAL")
        .contains("\"window_end\" >= toDateTime(?, 'UTC')")
        .contains("\"window_end\" < toDateTime(?, 'UTC')");
    assertThat(range.getBindValues()).containsExactly("2026-11-01 00:00:00", "2026-11-27 10:05:00");
  }

  @Test
  void cohortAndAdoptionQueriesBindTheirDays() {
    Query cohorts = OnboardingEvaluator.newestCohorts(ctx, ch, LocalDate.parse("2026-11-16"), 5);
    assertThat(cohorts.getSQL())
        .contains("\"onboarding_cohorts\" FINAL")
        .contains("\"cohort_week\" <= toDate(?)");
    assertThat(cohorts.getBindValues()).containsExactly("2026-11-16", 5L);

    Query days =
        FeatureAdoptionEvaluator.twoDays(
            ctx, ch, LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-17"));
    assertThat(days.getSQL()).contains("\"feature_adoption_daily\" FINAL");
    assertThat(days.getBindValues()).containsExactly("2026-11-24", "2026-11-17");
  }
}
