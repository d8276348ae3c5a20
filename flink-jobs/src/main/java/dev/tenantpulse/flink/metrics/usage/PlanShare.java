package dev.tenantpulse.flink.metrics.usage;

/** A tenant's part of a (day, meter): its plan at the end of the day and its sum (state). */
public record PlanShare(String plan, double quantity) {}
