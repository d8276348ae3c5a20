package dev.tenantpulse.flink.source;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** The KafkaSource of {@code tenant-events}. */
public final class KafkaEventSource {

  private KafkaEventSource() {}

  public static KafkaSource<ReceivedEvent> of(KafkaOptions options) {
    return of(options, options.startingOffsets().initializer(), null);
  }

  /**
   * A source with explicit offsets (a recompute); {@code stopping} null for the options' own
   * boundedness (the end offsets found at start when bounded, none otherwise).
   */
  public static KafkaSource<ReceivedEvent> of(
      KafkaOptions options, OffsetsInitializer starting, OffsetsInitializer stopping) {
    KafkaSourceBuilder<ReceivedEvent> builder =
        KafkaSource.<ReceivedEvent>builder()
            .setBootstrapServers(options.bootstrapServers())
            .setTopics(options.topic())
            .setGroupId(options.groupId())
            .setClientIdPrefix(options.groupId())
            .setStartingOffsets(starting)
            .setDeserializer(new EventRecordDeserializer());
    options.properties().forEach(builder::setProperty);
    if (stopping != null) {
      builder.setBounded(stopping);
    } else if (options.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }
}
