package dev.tenantpulse.scenario.oracle;

import java.time.Instant;

/**
 * A row of {@code tenants}: the state of a tenant after all its counted events.
 *
 * @param plan the plan of its latest signup or plan change, {@code unknown} when none
 * @param billingModel wire name from the latest signup or plan change that sent one, else null
 *     (likewise {@code tenancyModel} and {@code seats})
 * @param signedUpAt the earliest {@code tenant_signed_up}, null when none
 * @param planChangedAt the latest signup or plan change, null when none
 * @param churnedAt the latest churn when later than {@code planChangedAt} (or there is none), else
 *     null
 */
public record ExpectedTenant(
    String tenantId,
    String plan,
    String billingModel,
    String tenancyModel,
    Integer seats,
    Instant signedUpAt,
    Instant planChangedAt,
    Instant churnedAt) {}
