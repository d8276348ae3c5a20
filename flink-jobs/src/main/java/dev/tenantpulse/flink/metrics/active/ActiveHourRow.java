package dev.tenantpulse.flink.metrics.active;

import java.time.Instant;

/**
 * A row of {@code active_tenants_hourly}.
 *
 * @param windowEnd whole UTC hour H ending the window [H-24h, H)
 * @param weeklyAvg null while H - 7d precedes the first emitted hour
 * @param dropRatio null when weeklyAvg is null or 0
 */
public record ActiveHourRow(
    Instant windowEnd,
    long active24h,
    Double weeklyAvg,
    Double dropRatio,
    Instant computedAt,
    long version) {

  /** Whether the metric values (not computedAt/version) equal {@code other}'s. */
  public boolean sameValues(ActiveHourRow other) {
    return other != null
        && windowEnd.equals(other.windowEnd)
        && active24h == other.active24h
        && java.util.Objects.equals(weeklyAvg, other.weeklyAvg)
        && java.util.Objects.equals(dropRatio, other.dropRatio);
  }
}
