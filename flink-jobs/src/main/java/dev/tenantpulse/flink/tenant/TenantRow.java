package dev.tenantpulse.flink.tenant;

import java.time.Instant;

/**
 * A row of {@code tenant_pulse.tenants}: a tenant's state after all its counted events.
 *
 * @param plan current plan, {@code unknown} before any signup or plan change
 * @param billingModel wire name, null when never sent
 * @param tenancyModel wire name, null when never sent
 * @param planChangedAt when the current plan took effect
 * @param churnedAt the latest churn when later than {@code planChangedAt}, else null
 * @param updatedAt when the pipeline computed this state ({@code = version} in ms)
 */
public record TenantRow(
    String tenantId,
    String plan,
    String billingModel,
    String tenancyModel,
    Integer seats,
    Instant signedUpAt,
    Instant planChangedAt,
    Instant churnedAt,
    Instant updatedAt,
    long version) {}
