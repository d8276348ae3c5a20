package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.flink.metrics.onboarding.OnboardingStatus;
import dev.tenantpulse.flink.tenant.LifecycleEntry;

/**
 * What the per-tenant operator tells the cross-tenant aggregators: compact facts instead of raw
 * events, so the aggregators (parallelism 1) see one record per tenant-hour, tenant-feature-day,
 * lifecycle event or onboarding change rather than every event. A fact may be repeated (the
 * per-tenant dedup is cheap, not perfect); every aggregator treats facts as set members.
 *
 * @param time the hour start ({@link Kind#ACTIVE_HOUR}), day start ({@link Kind#FEATURE_DAY}),
 *     event time ({@link Kind#LIFECYCLE}), signup time ({@link Kind#ONBOARDING}) or when the tenant
 *     was erased ({@link Kind#FORGET}), epoch ms
 * @param feature set for {@link Kind#FEATURE_DAY}
 * @param lifecycle set for {@link Kind#LIFECYCLE}
 * @param onboarding set for {@link Kind#ONBOARDING}
 */
public record TenantFact(
    Kind kind,
    String tenantId,
    long time,
    String feature,
    LifecycleEntry lifecycle,
    OnboardingStatus onboarding) {

  /** The kinds of facts. */
  public enum Kind {
    /** The tenant had an activity event in the hour starting at {@code time}. */
    ACTIVE_HOUR,
    /** The tenant used {@code feature} on the UTC day starting at {@code time}. */
    FEATURE_DAY,
    /** A signup, plan change or churn of the tenant. */
    LIFECYCLE,
    /** The tenant's onboarding status changed (it has signed up). */
    ONBOARDING,
    /**
     * The tenant was erased: every aggregator drops all it holds of the tenant and writes again,
     * without it, the rows it can still write that counted it.
     */
    FORGET
  }

  public static TenantFact activeHour(String tenantId, long hourStart) {
    return new TenantFact(Kind.ACTIVE_HOUR, tenantId, hourStart, null, null, null);
  }

  public static TenantFact featureDay(String tenantId, long dayStart, String feature) {
    return new TenantFact(Kind.FEATURE_DAY, tenantId, dayStart, feature, null, null);
  }

  public static TenantFact lifecycle(String tenantId, LifecycleEntry entry) {
    return new TenantFact(Kind.LIFECYCLE, tenantId, entry.timestamp(), null, entry, null);
  }

  public static TenantFact forget(String tenantId, long erasedAt) {
    return new TenantFact(Kind.FORGET, tenantId, erasedAt, null, null, null);
  }

  public static TenantFact onboarding(String tenantId, OnboardingStatus status) {
    return new TenantFact(Kind.ONBOARDING, tenantId, status.signedUpAt(), null, null, status);
  }
}
