package dev.tenantpulse.tenancy.entitlements;

import dev.tenantpulse.tenancy.catalog.Plan;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a tenant on {@code currentPlan} may use {@code feature}, and if not, which plan to
 * upgrade to.
 *
 * @param allowed whether the current plan includes the feature
 * @param feature the feature asked about
 * @param currentPlan the tenant's plan id as given (it may be unknown to the catalog)
 * @param requiredPlan when not allowed: the cheapest plan that includes the feature; empty when
 *     allowed or when no plan includes it (an unknown feature)
 */
public record EntitlementDecision(
    boolean allowed, String feature, String currentPlan, Optional<Plan> requiredPlan) {

  public EntitlementDecision {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(currentPlan, "currentPlan");
    Objects.requireNonNull(requiredPlan, "requiredPlan");
    if (allowed && requiredPlan.isPresent()) {
      throw new IllegalArgumentException("an allowed decision names no required plan");
    }
  }

  /**
   * The text shown to a user who hit the limit, for example "This feature requires the Professional
   * plan or higher"; empty when allowed or when no plan offers the feature.
   */
  public Optional<String> upgradeMessage() {
    return requiredPlan.map(
        plan -> "This feature requires the " + plan.displayName() + " plan or higher");
  }
}
