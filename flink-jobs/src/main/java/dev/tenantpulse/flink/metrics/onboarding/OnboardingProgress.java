package dev.tenantpulse.flink.metrics.onboarding;

import dev.tenantpulse.flink.metrics.UtcTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tenant's onboarding as docs/metric-semantics.md defines it: the earliest signup (and its
 * plan) and the earliest timestamp of each step, whatever order events arrive in.
 *
 * @param signedUpAt earliest {@code tenant_signed_up}, epoch ms; null before any
 * @param stepFirstAt earliest timestamp per step, epoch ms
 * @param version version of the last emitted row ({@code 0} before the first)
 */
public record OnboardingProgress(
    Long signedUpAt, String signupPlan, Map<String, Long> stepFirstAt, long version) {

  public OnboardingProgress {
    stepFirstAt = stepFirstAt == null ? Map.of() : Map.copyOf(stepFirstAt);
  }

  public static OnboardingProgress empty() {
    return new OnboardingProgress(null, null, Map.of(), 0L);
  }

  /** With a signup at {@code timestamp}: it counts only when earlier than the known one. */
  public OnboardingProgress withSignup(long timestamp, String plan) {
    if (signedUpAt != null && signedUpAt <= timestamp) {
      return this;
    }
    return new OnboardingProgress(timestamp, plan, stepFirstAt, version);
  }

  /** With {@code step} reached at {@code timestamp}: it counts only when earlier than known. */
  public OnboardingProgress withStep(String step, long timestamp) {
    Long known = stepFirstAt.get(step);
    if (known != null && known <= timestamp) {
      return this;
    }
    Map<String, Long> steps = new HashMap<>(stepFirstAt);
    steps.put(step, timestamp);
    return new OnboardingProgress(signedUpAt, signupPlan, steps, version);
  }

  public OnboardingProgress withVersion(long newVersion) {
    return new OnboardingProgress(signedUpAt, signupPlan, stepFirstAt, newVersion);
  }

  public boolean hasSignup() {
    return signedUpAt != null;
  }

  /** What the cohort aggregator needs; only for a signed-up tenant. */
  public OnboardingStatus status(String completionStep, String valueStep) {
    return new OnboardingStatus(
        signedUpAt,
        secondsTo(stepFirstAt.get(completionStep)),
        secondsTo(stepFirstAt.get(valueStep)));
  }

  /** Whole seconds from signup to {@code at}, rounded down (floorDiv), null when not reached. */
  private Long secondsTo(Long at) {
    return at == null ? null : Math.floorDiv(at - signedUpAt, 1000L);
  }

  /** The {@code onboarding_tenants} row; only for a signed-up tenant. */
  public OnboardingTenantRow row(
      String tenantId, String completionStep, String valueStep, long rowVersion) {
    Map<String, Instant> steps = new TreeMap<>();
    stepFirstAt.forEach((s, at) -> steps.put(s, Instant.ofEpochMilli(at)));
    Long completed = stepFirstAt.get(completionStep);
    Long value = stepFirstAt.get(valueStep);
    Long completionSeconds = secondsTo(completed);
    Long valueSeconds = secondsTo(value);
    return new OnboardingTenantRow(
        tenantId,
        Instant.ofEpochMilli(signedUpAt),
        UtcTime.monday(signedUpAt),
        signupPlan,
        steps,
        completed == null ? null : Instant.ofEpochMilli(completed),
        completionSeconds,
        completionSeconds != null && completionSeconds < 0,
        value == null ? null : Instant.ofEpochMilli(value),
        valueSeconds,
        valueSeconds != null && valueSeconds < 0,
        Instant.ofEpochMilli(rowVersion),
        rowVersion);
  }
}
