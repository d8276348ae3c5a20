package dev.tenantpulse.billing.usage;

/** A row of {@code usage_hourly} (FINAL): a tenant's measured usage of a meter in one hour. */
public record MeasuredHour(String tenantId, String meter, long hourStart, double quantity) {}
