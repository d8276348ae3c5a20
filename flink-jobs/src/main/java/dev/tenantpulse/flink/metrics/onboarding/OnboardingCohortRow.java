package dev.tenantpulse.flink.metrics.onboarding;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code onboarding_cohorts}: a weekly signup cohort's onboarding completion and time to
 * first value.
 *
 * @param cohortWeek Monday (UTC) of the signup week
 * @param completion completed, completion_rate, avg/p50/p90_seconds, completed_within_24h,
 *     data_quality_issues
 * @param value reached_value, value_rate, value_avg/p50/p90_seconds, value_within_24h,
 *     value_data_quality_issues
 */
public record OnboardingCohortRow(
    LocalDate cohortWeek,
    long signups,
    StepStats completion,
    StepStats value,
    Instant computedAt,
    long version) {

  public boolean sameValues(OnboardingCohortRow other) {
    return other != null
        && cohortWeek.equals(other.cohortWeek)
        && signups == other.signups
        && completion.equals(other.completion)
        && value.equals(other.value);
  }
}
