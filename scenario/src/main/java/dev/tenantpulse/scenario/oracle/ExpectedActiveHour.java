package dev.tenantpulse.scenario.oracle;

import java.time.Instant;

/**
 * A row of {@code active_tenants_hourly}.
 *
 * @param windowEnd the whole hour H ending the window [H-24h, H)
 * @param weeklyAvg null while H - 7d precedes the first emitted hour
 * @param dropRatio null when weeklyAvg is null or 0
 */
public record ExpectedActiveHour(
    Instant windowEnd, long active24h, Double weeklyAvg, Double dropRatio) {}
