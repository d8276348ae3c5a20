package dev.tenantpulse.flink.metrics.onboarding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A row of {@code onboarding_tenants}: one signed-up tenant's onboarding progress.
 *
 * @param stepFirstAt earliest timestamp of each step reached (before signup too)
 * @param completionSeconds whole seconds from signup to completion, kept when negative
 * @param completionNegative completionSeconds &lt; 0: a data-quality issue
 */
public record OnboardingTenantRow(
    String tenantId,
    Instant signedUpAt,
    LocalDate cohortWeek,
    String signupPlan,
    Map<String, Instant> stepFirstAt,
    Instant completedAt,
    Long completionSeconds,
    boolean completionNegative,
    Instant firstValueAt,
    Long firstValueSeconds,
    boolean firstValueNegative,
    Instant computedAt,
    long version) {}
