package dev.tenantpulse.flink.metrics.adoption;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A row of {@code feature_adoption_daily}: over the 30 days [D+1d-30d, D+1d), how many tenants of a
 * plan used a feature.
 *
 * @param planTenants tenants whose plan at D+1d is the plan and that are not churned then
 * @param adoptingTenants of them, those with a feature_used event of the feature in the window
 * @param adoptionRatio adopting / plan tenants, null when there are no plan tenants
 */
public record FeatureAdoptionRow(
    LocalDate day,
    String plan,
    String feature,
    boolean inCatalog,
    long planTenants,
    long adoptingTenants,
    Double adoptionRatio,
    Instant computedAt,
    long version) {

  /** Whether the metric values (not computedAt/version) equal {@code other}'s. */
  public boolean sameValues(FeatureAdoptionRow other) {
    return other != null
        && day.equals(other.day)
        && plan.equals(other.plan)
        && feature.equals(other.feature)
        && inCatalog == other.inCatalog
        && planTenants == other.planTenants
        && adoptingTenants == other.adoptingTenants
        && Objects.equals(adoptionRatio, other.adoptionRatio);
  }
}
