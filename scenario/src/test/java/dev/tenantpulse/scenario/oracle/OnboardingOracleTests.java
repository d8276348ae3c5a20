package dev.tenantpulse.scenario.oracle;

import static dev.tenantpulse.scenario.oracle.HandEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnboardingOracleTests {

  private static ExpectedMetrics compute(HandEvents events) {
    return MetricOracle.computeEvents(events.list(), OracleOptions.streaming());
  }

  private static ExpectedOnboardingCohort cohort(ExpectedMetrics m, String week) {
    return m.onboardingCohorts().stream()
        .filter(c -> c.cohortWeek().equals(LocalDate.parse(week)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cohort " + week));
  }

  private static ExpectedOnboardingTenant tenant(ExpectedMetrics m, String id) {
    return m.onboardingTenants().stream()
        .filter(t -> t.tenantId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no tenant " + id));
  }

  /**
   * Signs up {@code seconds.length} tenants at {@code firstSignup} + i min, completing after it.
   */
  private static void cohortOf(
      HandEvents events, String prefix, String firstSignup, long... seconds) {
    Instant base = at(firstSignup);
    for (int i = 0; i < seconds.length; i++) {
      Instant signup = base.plusSeconds(60L * i);
      events.signup(prefix + i, signup.toString(), "starter");
      // 999 ms more: whole seconds round down.
      events.step(prefix + i, signup.plusMillis(seconds[i] * 1000 + 999).toString(), "completed");
    }
  }

  @Test
  void percentilesAreNearestRankForOneTwoTenAndElevenTimes() {
    HandEvents events = new HandEvents();
    // Completion steps arrive right after their signup, in time order per cohort.
    cohortOf(events, "a", "2026-01-05T00:00:00Z", 70, 10, 40, 20, 100, 30, 90, 60, 80, 50);
    cohortOf(events, "b", "2026-01-12T00:00:00Z", 110, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
    cohortOf(events, "c", "2026-01-19T00:00:00Z", 70, 30);
    cohortOf(events, "d", "2026-01-26T00:00:00Z", 42);

    ExpectedMetrics m = compute(events);

    ExpectedOnboardingCohort ten = cohort(m, "2026-01-05");
    assertThat(ten.signups()).isEqualTo(10);
    assertThat(ten.p50Seconds()).isEqualTo(50); // 5th of 10
    assertThat(ten.p90Seconds()).isEqualTo(90); // 9th of 10, where ceil(0.9 * 10) must not give 10
    assertThat(ten.avgSeconds()).isEqualTo(55.0);
    ExpectedOnboardingCohort eleven = cohort(m, "2026-01-12");
    assertThat(eleven.p50Seconds()).isEqualTo(60); // 6th of 11
    assertThat(eleven.p90Seconds()).isEqualTo(100); // 10th of 11
    assertThat(eleven.avgSeconds()).isEqualTo(60.0);
    ExpectedOnboardingCohort two = cohort(m, "2026-01-19");
    assertThat(two.p50Seconds()).isEqualTo(30); // 1st of 2
    assertThat(two.p90Seconds()).isEqualTo(70); // 2nd of 2
    ExpectedOnboardingCohort one = cohort(m, "2026-01-26");
    assertThat(one.p50Seconds()).isEqualTo(42);
    assertThat(one.p90Seconds()).isEqualTo(42);
    assertThat(one.completionRate()).isEqualTo(1.0);
    assertThat(m.onboardingCohorts()).hasSize(4);
  }

  @Test
  void negativeTimesCountAsReachedButOnlyAsDataQualityIssuesAndSecondsRoundDown() {
    String signup = "2026-02-02T10:00:00Z";
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .step("a", "2026-02-02T08:00:00Z", "first_value")
                .step("a", "2026-02-02T09:59:59.999Z", "completed")
                .signup("a", signup, "starter")
                .signup("b", signup, "starter")
                .signup("c", signup, "professional")
                .signup("d", signup, "enterprise")
                .signup("e", signup, "starter")
                .step("e", "2026-02-02T10:00:00.500Z", "completed")
                .step("d", "2026-02-02T10:00:05Z", "first_value")
                .step("b", "2026-02-03T10:00:00.999Z", "completed")
                .step("c", "2026-02-03T10:00:01Z", "completed"));

    assertThat(cohort(m, "2026-02-02"))
        .isEqualTo(
            new ExpectedOnboardingCohort(
                LocalDate.parse("2026-02-02"),
                5,
                4,
                0.8,
                (0 + 86_400 + 86_401) / 3.0,
                86_400L,
                86_401L,
                2,
                1,
                2,
                0.4,
                5.0,
                5L,
                5L,
                1,
                1));
    ExpectedOnboardingTenant a = tenant(m, "a");
    assertThat(a.completionSeconds()).isEqualTo(-1); // -1 ms is -1 s, rounded down
    assertThat(a.completionNegative()).isTrue();
    assertThat(a.firstValueSeconds()).isEqualTo(-7_200);
    assertThat(a.firstValueNegative()).isTrue();
    assertThat(a.stepFirstAt())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "first_value", at("2026-02-02T08:00:00Z"),
                "completed", at("2026-02-02T09:59:59.999Z")));
    assertThat(tenant(m, "e").completionSeconds()).isZero();
    assertThat(tenant(m, "e").completionNegative()).isFalse();
    assertThat(tenant(m, "d").completedAt()).isNull();
    assertThat(tenant(m, "d").completionSeconds()).isNull();
  }

  @Test
  void statisticsAreNullWhenNoTimeIsNonNegative() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .step("a", "2026-02-02T09:00:00Z", "completed")
                .signup("a", "2026-02-02T10:00:00Z", "starter")
                .signup("b", "2026-02-02T10:00:00Z", "starter"));

    assertThat(cohort(m, "2026-02-02"))
        .isEqualTo(
            new ExpectedOnboardingCohort(
                LocalDate.parse("2026-02-02"),
                2,
                1,
                0.5,
                null,
                null,
                null,
                0,
                1,
                0,
                0.0,
                null,
                null,
                null,
                0,
                0));
  }

  @Test
  void theFirstSignupAndTheFirstOfEachStepCountAndCohortsStartOnMonday() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .signup("t1", "2026-01-11T23:59:59.999Z", "professional") // a Sunday
                .signup("t2", "2026-01-12T00:00:00Z", "starter") // a Monday
                .step("t3", "2026-01-12T00:00:00Z", "completed") // no signup: no row
                .step("t1", "2026-01-12T00:10:00Z", "account_created")
                .step("t1", "2026-01-12T01:00:00Z", "completed")
                .churn("t1", "2026-01-13T00:00:00Z")
                .signup("t1", "2026-01-15T00:00:00Z", "enterprise")
                .step("t1", "2026-01-15T01:00:00Z", "completed"));

    ExpectedOnboardingTenant t1 = tenant(m, "t1");
    assertThat(t1.signedUpAt()).isEqualTo(at("2026-01-11T23:59:59.999Z"));
    assertThat(t1.cohortWeek()).isEqualTo(LocalDate.parse("2026-01-05"));
    assertThat(t1.signupPlan()).isEqualTo("professional");
    assertThat(t1.completedAt()).isEqualTo(at("2026-01-12T01:00:00Z"));
    assertThat(t1.completionSeconds()).isEqualTo(3_600); // 3600.001 s
    assertThat(tenant(m, "t2").cohortWeek()).isEqualTo(LocalDate.parse("2026-01-12"));
    assertThat(m.onboardingTenants())
        .extracting(ExpectedOnboardingTenant::tenantId)
        .containsExactly("t1", "t2");
    assertThat(m.onboardingCohorts())
        .extracting(ExpectedOnboardingCohort::cohortWeek, ExpectedOnboardingCohort::signups)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-01-05"), 1L),
            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-01-12"), 1L));
  }

  @Test
  void withinTwentyFourHoursIncludesExactlyADay() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .signup("a", "2026-02-02T10:00:00Z", "starter")
                .signup("b", "2026-02-02T10:00:00Z", "starter")
                .step("a", "2026-02-03T10:00:00Z", "first_value")
                .step("b", "2026-02-03T10:00:01Z", "first_value"));

    ExpectedOnboardingCohort c = cohort(m, "2026-02-02");
    assertThat(c.valueWithin24h()).isEqualTo(1);
    assertThat(c.reachedValue()).isEqualTo(2);
    assertThat(c.valueP50Seconds()).isEqualTo(86_400);
    assertThat(c.valueP90Seconds()).isEqualTo(86_401);
    assertThat(c.completed()).isZero();
    assertThat(c.completionRate()).isEqualTo(0.0);
  }
}
