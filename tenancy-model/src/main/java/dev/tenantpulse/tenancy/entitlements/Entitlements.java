package dev.tenantpulse.tenancy.entitlements;

import dev.tenantpulse.tenancy.catalog.Feature;
import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which plan includes which feature, answered from the catalog.
 *
 * <p>The cheapest plan with a feature is precomputed per feature: the collector asks on every gated
 * request. "Cheapest" compares flat monthly prices (the one billing model every tenant can
 * compare), ties broken by rank.
 */
public final class Entitlements {

  private static final Comparator<Plan> CHEAPEST_FIRST =
      Comparator.comparing(Plan::flatMonthlyAmount).thenComparingInt(Plan::rank);

  private final PlanCatalog catalog;
  private final Map<String, Plan> cheapestByFeature = new HashMap<>();

  public Entitlements(PlanCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    for (Feature feature : catalog.features()) {
      catalog.plans().stream()
          .filter(plan -> plan.hasFeature(feature.id()))
          .min(CHEAPEST_FIRST)
          .ifPresent(plan -> cheapestByFeature.put(feature.id(), plan));
    }
  }

  /** Whether {@code planId} includes {@code featureId}; false for a plan the catalog lacks. */
  public boolean hasFeature(String planId, String featureId) {
    return catalog.plan(planId).map(plan -> plan.hasFeature(featureId)).orElse(false);
  }

  /** The cheapest plan including the feature; empty when no plan does. */
  public Optional<Plan> cheapestPlanWith(String featureId) {
    return Optional.ofNullable(cheapestByFeature.get(featureId));
  }

  /**
   * The decision for a tenant on {@code planId} asking to use {@code featureId}. Pass {@link
   * PlanCatalog#UNKNOWN_PLAN} for a tenant without a plan: it is allowed nothing.
   */
  public EntitlementDecision check(String planId, String featureId) {
    boolean allowed = hasFeature(planId, featureId);
    return new EntitlementDecision(
        allowed, featureId, planId, allowed ? Optional.empty() : cheapestPlanWith(featureId));
  }
}
