package dev.tenantpulse.scenario.oracle;

import java.time.LocalDate;

/**
 * A row of {@code usage_monthly}: the sum of the counted usage quantities of a UTC calendar month.
 *
 * @param month the first day of the month
 */
public record ExpectedUsageMonth(LocalDate month, String tenantId, String meter, double quantity) {}
