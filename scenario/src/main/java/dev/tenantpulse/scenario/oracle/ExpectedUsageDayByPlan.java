package dev.tenantpulse.scenario.oracle;

import java.time.LocalDate;

/**
 * A row of {@code usage_daily_by_plan}: the usage of a meter on a UTC day of the tenants whose plan
 * at the end of the day is {@code plan}.
 *
 * @param tenants how many such tenants have usage of the meter that day (any quantity)
 */
public record ExpectedUsageDayByPlan(
    LocalDate day, String plan, String meter, double quantity, long tenants) {}
