package dev.tenantpulse.scenario.oracle;

import java.time.LocalDate;

/**
 * A row of {@code feature_adoption_daily}: window [day+1d-30d, day+1d).
 *
 * @param adoptionRatio null when planTenants is 0
 */
public record ExpectedFeatureAdoption(
    LocalDate day,
    String plan,
    String feature,
    boolean inCatalog,
    long planTenants,
    long adoptingTenants,
    Double adoptionRatio) {}
