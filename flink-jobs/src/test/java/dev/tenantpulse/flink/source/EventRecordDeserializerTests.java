package dev.tenantpulse.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.testing.TestEvents;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventRecordDeserializerTests {

  private final EventRecordDeserializer deserializer = new EventRecordDeserializer();
  private final List<ReceivedEvent> out = new ArrayList<>();
  private final Collector<ReceivedEvent> collector =
      new Collector<>() {
        @Override
        public void collect(ReceivedEvent record) {
          out.add(record);
        }

        @Override
        public void close() {}
      };

  @Test
  void readsTheEventWithTheRecordTimestampAsReceiveTime() throws Exception {
    open();
    TenantEvent event = TestEvents.activity("acme", "e-1", TestEvents.T0);
    deserializer.deserialize(
        record(3, 7, 1_767_571_205_000L, new EventCodec().encode(event)), collector);

    assertThat(out).containsExactly(new ReceivedEvent(event, 1_767_571_205_000L, 3, false));
  }

  @Test
  void skipsAndCountsRecordsThatAreNotEvents() throws Exception {
    open();
    deserializer.deserialize(
        record(0, 1, 0, "not json".getBytes(StandardCharsets.UTF_8)), collector);
    deserializer.deserialize(
        record(0, 2, 0, "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)), collector);
    deserializer.deserialize(record(0, 3, 0, null), collector);
    TenantEvent event = TestEvents.activity("acme", "e-2", TestEvents.T0);
    deserializer.deserialize(record(0, 4, 0, new EventCodec().encode(event)), collector);

    assertThat(out).extracting(r -> r.event().id()).containsExactly("e-2");
    assertThat(deserializer.undecodableCount()).isEqualTo(3);
  }

  private void open() throws Exception {
    deserializer.open(
        new DeserializationSchema.InitializationContext() {
          @Override
          public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
          }

          @Override
          public UserCodeClassLoader getUserCodeClassLoader() {
            return null;
          }
        });
  }

  private static ConsumerRecord<byte[], byte[]> record(
      int partition, long offset, long timestamp, byte[] value) {
    return new ConsumerRecord<>(
        "tenant-events",
        partition,
        offset,
        timestamp,
        TimestampType.CREATE_TIME,
        0,
        value == null ? 0 : value.length,
        "acme".getBytes(StandardCharsets.UTF_8),
        value,
        new RecordHeaders(),
        java.util.Optional.empty());
  }
}
