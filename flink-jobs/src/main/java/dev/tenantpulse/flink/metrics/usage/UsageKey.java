package dev.tenantpulse.flink.metrics.usage;

/** A tenant's meter on a UTC day (the tenant is the state key). */
public record UsageKey(long dayStart, String meter) {}
