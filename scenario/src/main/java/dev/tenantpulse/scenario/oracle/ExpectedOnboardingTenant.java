package dev.tenantpulse.scenario.oracle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A row of {@code onboarding_tenants}.
 *
 * @param stepFirstAt the earliest timestamp of each step reached (before the signup too)
 * @param completionSeconds floor seconds from signup to completion, negative kept; null when not
 *     completed (likewise {@code firstValueSeconds})
 */
public record ExpectedOnboardingTenant(
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
    boolean firstValueNegative) {

  public ExpectedOnboardingTenant {
    stepFirstAt = Map.copyOf(stepFirstAt);
  }
}
