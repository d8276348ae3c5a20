package dev.tenantpulse.flink.source;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * Where the events come from.
 *
 * @param bootstrapServers the Kafka cluster
 * @param topic the collector's topic ({@code tenant-events})
 * @param groupId consumer group; offsets are committed to it on every checkpoint (for lag
 *     monitoring only: the job restores from its own checkpoints)
 * @param startingOffsets where a job without state starts
 * @param bounded stop at the end offsets found at start (a replay, tests) instead of running on
 * @param properties further Kafka consumer properties (security, timeouts), passed unchanged
 */
public record KafkaOptions(
    String bootstrapServers,
    String topic,
    String groupId,
    StartingOffsets startingOffsets,
    boolean bounded,
    Map<String, String> properties)
    implements Serializable {

  public static final String DEFAULT_TOPIC = "tenant-events";
  public static final String DEFAULT_GROUP_ID = "tenant-pulse-flink";

  public KafkaOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(startingOffsets, "startingOffsets");
    properties = Map.copyOf(properties);
  }

  public KafkaOptions withGroupId(String groupId) {
    return new KafkaOptions(bootstrapServers, topic, groupId, startingOffsets, bounded, properties);
  }
}
