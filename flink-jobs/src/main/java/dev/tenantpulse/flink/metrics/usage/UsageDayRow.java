package dev.tenantpulse.flink.metrics.usage;

import java.time.Instant;
import java.time.LocalDate;

/** A row of {@code usage_daily}: the summed quantity of a tenant's meter on a UTC day. */
public record UsageDayRow(
    LocalDate day, String tenantId, String meter, double quantity, Instant computedAt, long version)
    implements UsageRow {}
