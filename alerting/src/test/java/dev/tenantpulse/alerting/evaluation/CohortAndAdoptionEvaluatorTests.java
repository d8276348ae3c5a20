package dev.tenantpulse.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.clickhouse.ClickHouseSource;
import dev.tenantpulse.alerting.evaluation.Observation.Outcome;
import dev.tenantpulse.alerting.rules.Labels;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.TestRules;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** onboarding_slowdown and feature_adoption_drop on real chDB tables. */
class CohortAndAdoptionEvaluatorTests {

  // A Wednesday: the newest complete cohort is the week of Monday 2026-11-16.
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final LocalDate LAST_COMPLETE = LocalDate.parse("2026-11-16");

  static MetricTables tables;
  static ClickHouseSource ch;

  @BeforeAll
  static void database() {
    tables = MetricTables.fresh("cohorts");
    ch = new ClickHouseSource(new DriverManagerDataSource(TestEngine.url()), tables.database());
  }

  @BeforeEach
  void empty() {
    tables.truncateAll();
  }

  private List<Observation> onboarding(Rule rule) {
    return new OnboardingEvaluator(ch).evaluate(rule, NOW);
  }

  private void fourNormalCohorts() {
    for (int i = 1; i <= 4; i++) {
      tables.cohort(
          LAST_COMPLETE.minusWeeks(i), 40, 30, 10_000L * (i % 2 == 0 ? 1 : 2)); // mean 15000 s
    }
  }

  @Test
  void aCohortOnboardingAtLeastFactorTimesSlowerThanTheFourBeforeFires() {
    Rule rule = TestRules.rule("slow", "kind: onboarding_slowdown");
    fourNormalCohorts();
    tables.cohort(LAST_COMPLETE, 40, 30, 22_500L); // exactly 1.5 × 15000
    tables.cohort(LAST_COMPLETE.plusWeeks(1), 10, 1, 900_000L); // this week: not complete yet

    assertThat(onboarding(rule))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.outcome()).isEqualTo(Outcome.MET);
              assertThat(o.value()).isEqualTo(1.5);
              assertThat(o.summary()).contains("2026-11-16");
            });

    tables.cohort(LAST_COMPLETE, 40, 30, 22_499L); // re-emitted, now just under
    assertThat(onboarding(rule).get(0).outcome()).isEqualTo(Outcome.NOT_MET);
  }

  @Test
  void tooFewCompletionsOrEarlierCohortsAreNotJudged() {
    Rule rule = TestRules.rule("slow", "kind: onboarding_slowdown");
    fourNormalCohorts();
    tables.cohort(LAST_COMPLETE, 40, 4, 90_000L); // 4 < min_completed 5
    assertThat(onboarding(rule).get(0).outcome()).isEqualTo(Outcome.NOT_MET);

    tables.truncateAll();
    tables.cohort(LAST_COMPLETE.minusWeeks(1), 40, 30, 10_000L);
    tables.cohort(LAST_COMPLETE, 40, 30, 90_000L);
    assertThat(onboarding(rule).get(0).summary()).contains("fewer than 4 earlier cohorts");
  }

  @Test
  void noCohortForTwoWeeksIsNoData() {
    Rule rule = TestRules.rule("slow", "kind: onboarding_slowdown");
    assertThat(onboarding(rule).get(0).outcome()).isEqualTo(Outcome.NO_ROW_YET);
    tables.cohort(LAST_COMPLETE.minusWeeks(3), 40, 30, 10_000L);
    assertThat(onboarding(rule).get(0).outcome()).isEqualTo(Outcome.NO_DATA);
  }

  @Test
  void aPlansAdoptionFallingTenPointsInSevenDaysFiresForThatPlanAndFeature() {
    Rule rule = TestRules.rule("adoption", "kind: feature_adoption_drop");
    LocalDate day = LocalDate.parse("2026-11-24"); // the newest closed day at NOW
    tables.adoption(day.minusDays(7), "starter", "sso", 100, 50);
    tables.adoption(day, "starter", "sso", 100, 40); // 10 points lost
    tables.adoption(day.minusDays(7), "starter", "export", 100, 50);
    tables.adoption(day, "starter", "export", 100, 41); // 9 points
    tables.adoption(day.minusDays(7), "enterprise", "sso", 4, 4);
    tables.adoption(day, "enterprise", "sso", 4, 0); // too few tenants
    tables.adoption(day.plusDays(1), "starter", "sso", 100, 0); // today: not closed

    Map<Labels, Observation> seen =
        new FeatureAdoptionEvaluator(ch)
            .evaluate(rule, NOW).stream()
                .collect(Collectors.toMap(Observation::labels, Function.identity()));

    assertThat(seen).hasSize(3);
    assertThat(seen.get(Labels.of("plan", "starter", "feature", "sso")).outcome())
        .isEqualTo(Outcome.MET);
    assertThat(seen.get(Labels.of("plan", "starter", "feature", "sso")).value())
        .isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(seen.get(Labels.of("plan", "starter", "feature", "export")).outcome())
        .isEqualTo(Outcome.NOT_MET);
    assertThat(seen.get(Labels.of("plan", "enterprise", "feature", "sso")).outcome())
        .isEqualTo(Outcome.NOT_MET);
  }

  @Test
  void adoptionWithoutARecentDayIsNoData() {
    Rule rule = TestRules.rule("adoption", "kind: feature_adoption_drop");
    assertThat(new FeatureAdoptionEvaluator(ch).evaluate(rule, NOW))
        .singleElement()
        .satisfies(o -> assertThat(o.outcome()).isEqualTo(Outcome.NO_ROW_YET));
    tables.adoption(LocalDate.parse("2026-11-20"), "starter", "sso", 10, 5);
    assertThat(new FeatureAdoptionEvaluator(ch).evaluate(rule, NOW).get(0).outcome())
        .isEqualTo(Outcome.NO_DATA);
  }
}
