package dev.tenantpulse.flink.metrics.usage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code usage_daily_by_plan}: the usage of a meter on a UTC day of the tenants whose plan
 * at the end of that day is {@code plan}.
 *
 * @param quantity the sum of those tenants' {@code usage_daily} quantities
 * @param tenants how many of them have a {@code usage_daily} row for the day and meter; 0 when a
 *     late plan change moved every one of them to another plan
 */
public record UsageDayByPlanRow(
    LocalDate day,
    String plan,
    String meter,
    double quantity,
    long tenants,
    Instant computedAt,
    long version) {}
