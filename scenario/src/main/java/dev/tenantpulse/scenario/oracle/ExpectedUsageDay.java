package dev.tenantpulse.scenario.oracle;

import java.time.LocalDate;

/** A row of {@code usage_daily}: the sum of the counted usage quantities. */
public record ExpectedUsageDay(LocalDate day, String tenantId, String meter, double quantity) {}
