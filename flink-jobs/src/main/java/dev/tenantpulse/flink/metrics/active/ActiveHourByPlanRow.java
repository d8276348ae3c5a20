package dev.tenantpulse.flink.metrics.active;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of {@code active_tenants_hourly_by_plan}: {@link ActiveHourRow} for the tenants of a plan
 * at H.
 */
public record ActiveHourByPlanRow(
    Instant windowEnd,
    String plan,
    long active24h,
    Double weeklyAvg,
    Double dropRatio,
    Instant computedAt,
    long version) {

  /** Whether the metric values (not computedAt/version) equal {@code other}'s. */
  public boolean sameValues(ActiveHourByPlanRow other) {
    return other != null
        && windowEnd.equals(other.windowEnd)
        && plan.equals(other.plan)
        && active24h == other.active24h
        && Objects.equals(weeklyAvg, other.weeklyAvg)
        && Objects.equals(dropRatio, other.dropRatio);
  }
}
