package dev.tenantpulse.flink.metrics.usage;

/** A tenant's meter in a UTC hour (the tenant is the state key). */
public record UsageHourKey(long hourStart, String meter) {}
