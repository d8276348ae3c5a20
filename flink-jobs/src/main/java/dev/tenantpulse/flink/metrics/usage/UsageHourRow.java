package dev.tenantpulse.flink.metrics.usage;

import java.time.Instant;

/**
 * A row of {@code usage_hourly}: the summed quantity of a tenant's meter in the UTC hour starting
 * at {@code hour}, what the billing exporter sends to Stripe.
 */
public record UsageHourRow(
    Instant hour, String tenantId, String meter, double quantity, Instant computedAt, long version)
    implements UsageRow {}
