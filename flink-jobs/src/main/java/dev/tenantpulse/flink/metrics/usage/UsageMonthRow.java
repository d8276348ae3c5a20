package dev.tenantpulse.flink.metrics.usage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code usage_monthly}: the summed quantity of a tenant's meter over the closed days of a
 * UTC calendar month.
 *
 * @param month the first day of the month
 */
public record UsageMonthRow(
    LocalDate month,
    String tenantId,
    String meter,
    double quantity,
    Instant computedAt,
    long version)
    implements UsageRow {}
