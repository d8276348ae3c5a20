package dev.tenantpulse.flink.source;

import dev.tenantpulse.flink.eventtime.EventTimeBounds;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * The KafkaSource of {@code tenant-events}: every record becomes a {@link SourceRecord}, the event
 * or its dead letter ({@link EventRecordDeserializer}).
 */
public final class KafkaEventSource {

  private KafkaEventSource() {}

  public static KafkaSource<SourceRecord> of(KafkaOptions options, EventTimeBounds bounds) {
    return of(options, bounds, options.startingOffsets().initializer(), null);
  }

  /**
   * A source with explicit offsets (a recompute); {@code stopping} null for the options' own
   * boundedness (the end offsets found at start when bounded, none otherwise).
   */
  public static KafkaSource<SourceRecord> of(
      KafkaOptions options,
      EventTimeBounds bounds,
      OffsetsInitializer starting,
      OffsetsInitializer stopping) {
    KafkaSourceBuilder<SourceRecord> builder =
        KafkaSource.<SourceRecord>builder()
            .setBootstrapServers(options.bootstrapServers())
            .setTopics(options.topic())
            .setGroupId(options.groupId())
            .setClientIdPrefix(options.groupId())
            .setStartingOffsets(starting)
            .setDeserializer(new EventRecordDeserializer(bounds));
    options.properties().forEach(builder::setProperty);
    if (stopping != null) {
      builder.setBounded(stopping);
    } else if (options.bounded()) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }
}
