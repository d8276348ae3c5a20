package dev.tenantpulse.scenario.oracle;

import java.time.LocalDate;

/**
 * A row of {@code onboarding_cohorts}; statistics over the non-negative times only, null when there
 * are none; percentiles by nearest rank.
 */
public record ExpectedOnboardingCohort(
    LocalDate cohortWeek,
    long signups,
    long completed,
    Double completionRate,
    Double avgSeconds,
    Long p50Seconds,
    Long p90Seconds,
    long completedWithin24h,
    long dataQualityIssues,
    long reachedValue,
    Double valueRate,
    Double valueAvgSeconds,
    Long valueP50Seconds,
    Long valueP90Seconds,
    long valueWithin24h,
    long valueDataQualityIssues) {}
