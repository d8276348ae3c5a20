package dev.tenantpulse.flink.metrics.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.EmitRange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnboardingCohortsTests {

  static final long MONDAY = Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();
  static final long WEEK = 7 * 86_400_000L;

  final OnboardingCohorts cohorts = new OnboardingCohorts(EmitRange.ALL);
  final List<OnboardingCohortRow> rows = new ArrayList<>();

  @Test
  void aCohortOfTenCompletionsHasTheNinthAsP90AndNegativesAsIssues() {
    for (int i = 1; i <= 10; i++) {
      cohorts.onStatus("t" + i, new OnboardingStatus(MONDAY + i, i * 1000L, null));
    }
    cohorts.onStatus("bad", new OnboardingStatus(MONDAY, -3L, 5L));
    cohorts.flush(1, rows::add);
    assertThat(rows).hasSize(1);
    OnboardingCohortRow row = rows.get(0);
    assertThat(row.cohortWeek()).isEqualTo(LocalDate.parse("2025-03-03"));
    assertThat(row.signups()).isEqualTo(11);
    assertThat(row.completion().reached()).isEqualTo(11);
    assertThat(row.completion().dataQualityIssues()).isEqualTo(1);
    assertThat(row.completion().p50Seconds()).isEqualTo(5000);
    assertThat(row.completion().p90Seconds()).isEqualTo(9000);
    assertThat(row.value().reached()).isEqualTo(1);
  }

  @Test
  void onlyChangedCohortsAreEmittedAgainWithAHigherVersion() {
    cohorts.onStatus("a", new OnboardingStatus(MONDAY, null, null));
    cohorts.onStatus("b", new OnboardingStatus(MONDAY + WEEK, null, null));
    cohorts.flush(5, rows::add);
    assertThat(rows).hasSize(2);
    cohorts.onStatus("a", new OnboardingStatus(MONDAY, 60L, null));
    cohorts.onStatus("b", new OnboardingStatus(MONDAY + WEEK, null, null)); // no change
    cohorts.flush(5, rows::add);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(2).completion().reached()).isEqualTo(1);
    assertThat(rows.get(2).version()).isGreaterThan(rows.get(0).version());
  }

  @Test
  void anEarlierSignupMovesTheTenantToItsCohort() {
    cohorts.onStatus("a", new OnboardingStatus(MONDAY + WEEK, null, null));
    cohorts.onStatus("b", new OnboardingStatus(MONDAY + WEEK, null, null));
    cohorts.flush(5, rows::add);
    cohorts.onStatus("a", new OnboardingStatus(MONDAY, null, null));
    cohorts.flush(6, rows::add);
    assertThat(rows.subList(1, 3))
        .extracting(OnboardingCohortRow::cohortWeek, OnboardingCohortRow::signups)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2025-03-03"), 1L),
            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2025-03-10"), 1L));
  }

  @Test
  void aForgottenTenantLeavesItsCohortAsIfItHadNeverSignedUp() {
    java.util.Random random = new java.util.Random(16);
    List<String> tenants = List.of("acme", "acme2", "ACME", "acme_", "b", "c", "d", "e");
    OnboardingCohorts without = new OnboardingCohorts(EmitRange.ALL);
    List<OnboardingCohortRow> expected = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (String tenant : tenants) {
        OnboardingStatus status =
            new OnboardingStatus(
                MONDAY + random.nextInt(3) * WEEK,
                random.nextBoolean() ? (long) random.nextInt(100_000) : null,
                random.nextBoolean() ? (long) random.nextInt(100_000) : null);
        cohorts.onStatus(tenant, status);
        if (!tenant.equals("acme")) {
          without.onStatus(tenant, status);
        }
      }
      cohorts.flush(10 + round, rows::add);
    }
    cohorts.forget("acme");
    cohorts.forget("never-seen");
    cohorts.flush(20, rows::add);
    without.flush(20, expected::add);

    java.util.Map<LocalDate, OnboardingCohortRow> latest = new java.util.HashMap<>();
    rows.forEach(r -> latest.merge(r.cohortWeek(), r, (a, b) -> b.version() > a.version() ? b : a));
    assertThat(expected).isNotEmpty();
    for (OnboardingCohortRow row : expected) {
      assertThat(latest.get(row.cohortWeek()).sameValues(row)).as(row.toString()).isTrue();
    }
  }
}
