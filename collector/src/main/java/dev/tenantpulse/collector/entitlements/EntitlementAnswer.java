package dev.tenantpulse.collector.entitlements;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The entitlements API's answer. Allowed: {@code {"allowed": true, "plan": …, "feature": …}};
 * refused (402): also {@code error}, {@code upgradeUrl} and {@code requiredPlan}, the names the
 * product's upgrade prompt reads.
 *
 * @param plan the tenant's current plan, {@code unknown} when no plan event was seen
 * @param requiredPlan the cheapest plan with the feature
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EntitlementAnswer(
    boolean allowed,
    String error,
    String upgradeUrl,
    String requiredPlan,
    String plan,
    String feature) {

  static EntitlementAnswer allowed(String plan, String feature) {
    return new EntitlementAnswer(true, null, null, null, plan, feature);
  }
}
