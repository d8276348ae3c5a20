package dev.tenantpulse.flink.metrics;

import static dev.tenantpulse.flink.metrics.Events.activity;
import static dev.tenantpulse.flink.metrics.Events.feature;
import static dev.tenantpulse.flink.metrics.Events.signup;
import static dev.tenantpulse.flink.metrics.Events.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.adoption.FeatureAdoptionRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohortRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingTenantRow;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feature adoption and onboarding through a real (mini) Flink job. */
class AdoptionAndOnboardingPipelineTests {

  static final MetricOptions BOUNDED = MetricOptions.defaults().withBounded(true);

  static final List<TenantEvent> EVENTS =
      List.of(
          signup("a", "2025-03-03T09:00:00Z", "starter"),
          step("b", "2025-03-03T09:30:00Z", "completed"), // before b's signup: negative
          signup("b", "2025-03-03T10:00:00Z", "professional"),
          feature("a", "2025-03-03T11:00:00Z", "sso"),
          step("a", "2025-03-03T12:00:00Z", "first_value"),
          feature("b", "2025-03-04T08:00:00Z", "api_access"),
          step("a", "2025-03-04T09:00:00Z", "completed"),
          activity("e", "2025-03-04T10:00:00Z"),
          step("b", "2025-03-04T09:20:00Z", "first_value"), // 40 min behind: within the lateness
          activity("a", "2025-03-06T01:00:00Z"));

  static final LocalDate WEEK = LocalDate.parse("2025-03-03");

  @Test
  void onboardingRowsFollowTheEarliestTimesAndNearestRank() throws Exception {
    PipelineRun.Tables t = PipelineRun.streaming(EVENTS, BOUNDED, Duration.ZERO);

    Map<String, OnboardingTenantRow> tenants =
        t.latestBy("onboarding_tenants", OnboardingTenantRow::tenantId);
    assertThat(tenants).containsOnlyKeys("a", "b");
    assertThat(tenants.get("a").completionSeconds()).isEqualTo(86_400);
    assertThat(tenants.get("a").firstValueSeconds()).isEqualTo(10_800);
    assertThat(tenants.get("b").completionSeconds()).isEqualTo(-1_800);
    assertThat(tenants.get("b").completionNegative()).isTrue();
    assertThat(tenants.get("b").firstValueSeconds()).isEqualTo(84_000);
    assertThat(tenants.get("b").signupPlan()).isEqualTo("professional");

    Map<LocalDate, OnboardingCohortRow> cohorts =
        t.latestBy("onboarding_cohorts", OnboardingCohortRow::cohortWeek);
    assertThat(cohorts).containsOnlyKeys(WEEK);
    OnboardingCohortRow week = cohorts.get(WEEK);
    assertThat(week.signups()).isEqualTo(2);
    assertThat(week.completion().reached()).isEqualTo(2);
    assertThat(week.completion().rate()).isEqualTo(1.0);
    assertThat(week.completion().dataQualityIssues()).isEqualTo(1);
    assertThat(week.completion().within24h()).isEqualTo(1);
    assertThat(week.completion().p50Seconds()).isEqualTo(86_400);
    assertThat(week.completion().avgSeconds()).isEqualTo(86_400.0);
    assertThat(week.value().reached()).isEqualTo(2);
    assertThat(week.value().p50Seconds()).isEqualTo(10_800);
    assertThat(week.value().p90Seconds()).isEqualTo(84_000);
    assertThat(week.value().within24h()).isEqualTo(2);
  }

  @Test
  void featureAdoptionCountsPlanTenantsAndAdoptersPerClosedDay() throws Exception {
    PipelineRun.Tables t = PipelineRun.streaming(EVENTS, BOUNDED, Duration.ZERO);
    Map<List<Object>, FeatureAdoptionRow> rows =
        t.latestBy(
            "feature_adoption_daily", r -> List.of(r.day().toString(), r.plan(), r.feature()));
    assertThat(rows.keySet())
        .extracting(k -> k.get(0))
        .containsOnly("2025-03-03", "2025-03-04", "2025-03-05");
    FeatureAdoptionRow starterSso = rows.get(List.of("2025-03-03", "starter", "sso"));
    assertThat(starterSso.planTenants()).isEqualTo(1);
    assertThat(starterSso.adoptingTenants()).isEqualTo(1);
    assertThat(starterSso.adoptionRatio()).isEqualTo(1.0);
    assertThat(rows.get(List.of("2025-03-03", "professional", "api_access")).adoptingTenants())
        .isZero();
    assertThat(rows.get(List.of("2025-03-04", "professional", "api_access")).adoptingTenants())
        .isEqualTo(1);
    assertThat(rows.get(List.of("2025-03-03", "enterprise", "sso")).adoptionRatio()).isNull();
    assertThat(rows.values()).allMatch(FeatureAdoptionRow::inCatalog);
    // 3 days x 3 plans x 11 catalog features
    assertThat(rows).hasSize(3 * 3 * 11);
  }

  @Test
  void batchModeGivesTheSameFinalRowsAsStreaming() throws Exception {
    PipelineRun.Tables streaming = PipelineRun.streaming(EVENTS, BOUNDED, Duration.ZERO);
    PipelineRun.Tables batch = PipelineRun.batch(EVENTS, BOUNDED);
    for (String table : streaming.emitted().keySet()) {
      assertThat(RowValues.of(batch.latest(table)))
          .as(table)
          .isEqualTo(RowValues.of(streaming.latest(table)));
    }
  }
}
