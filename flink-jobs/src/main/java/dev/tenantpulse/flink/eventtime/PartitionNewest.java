package dev.tenantpulse.flink.eventtime;

/** Checkpointed by {@link LatenessClassifier}: the newest event time read from one partition. */
public record PartitionNewest(int partition, long newestEventTime) {}
