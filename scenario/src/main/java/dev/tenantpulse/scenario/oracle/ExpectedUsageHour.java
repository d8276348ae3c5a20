package dev.tenantpulse.scenario.oracle;

import java.time.Instant;

/**
 * A row of {@code usage_hourly}: the sum of the counted usage quantities of a tenant's meter in the
 * UTC hour starting at {@code hour}.
 */
public record ExpectedUsageHour(Instant hour, String tenantId, String meter, double quantity) {}
