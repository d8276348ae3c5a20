package dev.tenantpulse.flink.metrics.onboarding;

import dev.tenantpulse.flink.metrics.UtcTime;
import java.time.LocalDate;

/**
 * What the cohort aggregator needs of one signed-up tenant.
 *
 * @param signedUpAt earliest signup, epoch ms
 * @param completionSeconds whole seconds from signup to the first completion step, null when not
 *     reached (negative: a data error)
 * @param valueSeconds the same for the value step
 */
public record OnboardingStatus(long signedUpAt, Long completionSeconds, Long valueSeconds) {

  public LocalDate cohortWeek() {
    return UtcTime.monday(signedUpAt);
  }
}
