package dev.tenantpulse.scenario.oracle;

import java.time.Instant;

/**
 * A row of {@code active_tenants_hourly_by_plan}: as {@link ExpectedActiveHour}, counting the
 * tenants whose plan at H is {@code plan} (a catalog plan or {@code unknown}).
 */
public record ExpectedActiveHourByPlan(
    Instant windowEnd, String plan, long active24h, Double weeklyAvg, Double dropRatio) {}
