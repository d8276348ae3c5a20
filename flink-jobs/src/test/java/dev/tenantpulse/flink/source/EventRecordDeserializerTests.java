package dev.tenantpulse.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.eventtime.EventTimeBounds;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.testing.TestEvents;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.TenantErasureNotice;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

  private static final long RECEIVED = 1_767_571_205_000L; // 2026-01-05T00:00:05Z

  private final EventRecordDeserializer deserializer =
      new EventRecordDeserializer(EventTimeBounds.DEFAULTS);
  private final List<SourceRecord> out = new ArrayList<>();
  private final Collector<SourceRecord> collector =
      new Collector<>() {
        @Override
        public void collect(SourceRecord record) {
          out.add(record);
        }

        @Override
        public void close() {}
      };

  @Test
  void readsTheEventWithTheRecordTimestampAsReceiveTimeAndItsOffset() throws Exception {
    open();
    TenantEvent event = TestEvents.activity("acme", "e-1", TestEvents.T0);
    deserializer.deserialize(record(3, 7, RECEIVED, new EventCodec().encode(event)), collector);

    assertThat(out)
        .containsExactly(SourceRecord.of(new ReceivedEvent(event, RECEIVED, 3, 7, false)));
  }

  @Test
  void turnsRecordsThatAreNotEventsIntoDeadLettersOfStageDecode() throws Exception {
    open();
    deserializer.deserialize(record(0, 1, 0, utf8("not json")), collector);
    deserializer.deserialize(record(0, 2, 0, utf8("{\"id\":\"x\"}")), collector);
    deserializer.deserialize(record(0, 3, 0, null), collector);
    deserializer.deserialize(record(0, 4, 0, new byte[] {(byte) 0xff, 0x00, 0x7b}), collector);
    TenantEvent event = TestEvents.activity("acme", "e-2", TestEvents.T0);
    deserializer.deserialize(record(0, 5, RECEIVED, new EventCodec().encode(event)), collector);

    assertThat(out)
        .filteredOn(SourceRecord::isEvent)
        .extracting(r -> r.event().event().id())
        .containsExactly("e-2");
    List<RejectedRecord> rejected =
        out.stream().filter(r -> !r.isEvent()).map(SourceRecord::rejected).toList();
    assertThat(rejected).extracting(RejectedRecord::stage).containsOnly(RejectedRecord.DECODE);
    assertThat(rejected).extracting(RejectedRecord::offset).containsExactly(1L, 2L, 3L, 4L);
    assertThat(rejected)
        .allSatisfy(
            r -> {
              assertThat(r.topic()).isEqualTo("tenant-events");
              assertThat(r.partition()).isZero();
              assertThat(r.tenantId()).as("the record key").isEqualTo("acme");
              assertThat(r.reason()).isNotBlank();
            });
    assertThat(rejected.get(0).raw()).isEqualTo("not json");
    assertThat(rejected.get(1).reason()).contains("lacks");
    assertThat(rejected.get(3).raw()).as("not UTF-8: kept whole").isEqualTo("base64:/wB7");
    assertThat(deserializer.undecodableCount()).isEqualTo(4);
  }

  @Test
  void turnsTimestampsNoTableCanHoldIntoDeadLettersOfStageEventTime() throws Exception {
    open();
    byte[] ancient = utf8(json("-999999999-01-01T00:00:00Z"));
    deserializer.deserialize(record(1, 10, RECEIVED, ancient), collector);
    deserializer.deserialize(
        record(1, 11, RECEIVED, utf8(json("1999-12-31T23:59:59.999Z"))), collector);
    deserializer.deserialize(
        record(1, 12, RECEIVED, utf8(json("2026-01-05T00:05:06Z"))), collector);
    deserializer.deserialize(record(1, 13, -1, utf8(json("2100-01-01T00:00:00Z"))), collector);
    deserializer.deserialize(
        record(1, 14, RECEIVED, utf8(json("+1000000000-12-31T23:59:59Z"))), collector);

    assertThat(out).noneMatch(SourceRecord::isEvent);
    List<RejectedRecord> rejected = out.stream().map(SourceRecord::rejected).toList();
    assertThat(rejected).extracting(RejectedRecord::stage).containsOnly(RejectedRecord.EVENT_TIME);
    assertThat(rejected).extracting(RejectedRecord::eventId).containsOnly("odd");
    assertThat(rejected).extracting(RejectedRecord::tenantId).containsOnly("acme");
    assertThat(rejected.get(0).reason())
        .contains("-999999999-01-01T00:00:00Z is before the earliest accepted 2000-01-01");
    assertThat(rejected.get(0).raw()).isEqualTo(new String(ancient, StandardCharsets.UTF_8));
    assertThat(rejected.get(2).reason()).contains("more than PT5M after its receive time");
    assertThat(rejected.get(3).reason()).contains("not before 2100-01-01T00:00:00Z");
  }

  @Test
  void acceptsTheBoundsThemselves() throws Exception {
    open();
    deserializer.deserialize(record(0, 1, RECEIVED, utf8(json("2000-01-01T00:00:00Z"))), collector);
    deserializer.deserialize(record(0, 2, RECEIVED, utf8(json("2026-01-05T00:05:05Z"))), collector);
    // Without a record timestamp only the absolute bounds apply.
    deserializer.deserialize(record(0, 3, -1, utf8(json("2099-12-31T23:59:59.999Z"))), collector);

    assertThat(out).allMatch(SourceRecord::isEvent).hasSize(3);
    assertThat(Instant.ofEpochMilli(out.get(1).event().eventTime()))
        .isEqualTo(Instant.parse("2026-01-05T00:05:05Z"));
  }

  @Test
  void anErasureNoticeBecomesATenantErasureAndABadControlRecordADeadLetter() throws Exception {
    open();
    Instant erasedAt = Instant.parse("2026-01-05T00:10:00Z");
    byte[] notice = new TenantErasureNotice("acme", erasedAt).encode();
    deserializer.deserialize(control(record(2, 20, RECEIVED, notice), "tenant-erased"), collector);
    deserializer.deserialize(
        control(record(2, 21, RECEIVED, utf8("{\"tenant_id\":\"acme\"}")), "tenant-erased"),
        collector);
    deserializer.deserialize(control(record(2, 22, RECEIVED, notice), "tenant-renamed"), collector);
    TenantEvent event = TestEvents.activity("acme", "e-3", TestEvents.T0);
    // An event's JSON under the control header is still no event.
    deserializer.deserialize(
        control(record(2, 23, RECEIVED, new EventCodec().encode(event)), "tenant-erased"),
        collector);

    assertThat(out.get(0))
        .isEqualTo(SourceRecord.of(new TenantErasure("acme", erasedAt.toEpochMilli(), 2, 20)));
    assertThat(out.subList(1, 4))
        .allSatisfy(
            r -> {
              assertThat(r.isEvent()).isFalse();
              assertThat(r.erasure()).isNull();
              assertThat(r.rejected().stage()).isEqualTo(RejectedRecord.DECODE);
            });
    assertThat(out.get(1).rejected().reason()).contains("erased_at");
    assertThat(out.get(2).rejected().reason()).contains("unknown control record");
    assertThat(deserializer.undecodableCount()).isEqualTo(3);
  }

  private static ConsumerRecord<byte[], byte[]> control(
      ConsumerRecord<byte[], byte[]> record, String value) {
    record.headers().add(TenantErasureNotice.HEADER, utf8(value));
    return record;
  }

  private static String json(String timestamp) {
    return "{\"id\":\"odd\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\""
        + timestamp
        + "\"}";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
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
