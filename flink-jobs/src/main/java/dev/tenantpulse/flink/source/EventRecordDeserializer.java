package dev.tenantpulse.flink.source;

import dev.tenantpulse.flink.eventtime.EventTimeBounds;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.TenantErasureNotice;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.util.Objects;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads a {@code tenant-events} record: EventCodec JSON value, record timestamp = receive time.
 *
 * <p>Every record becomes a {@link SourceRecord}: the event, or — for a record that does not decode
 * (another producer, a corrupted value) or whose timestamp lies outside the {@link EventTimeBounds}
 * — a dead letter naming stage {@code decode} or {@code event_time}, the reason and the record's
 * partition and offset. Nothing here throws for a record: one that failed would fail the job again
 * on every restart and stop all metrics. Checking the event time here, before the timestamp
 * assigner, means no operator ever sees an instant whose epoch milliseconds overflow or that a
 * table cannot hold. Undecodable records are also counted in {@code undecodableRecords}.
 */
public final class EventRecordDeserializer
    implements KafkaRecordDeserializationSchema<SourceRecord> {

  private static final long serialVersionUID = 1L;

  private final EventTimeBounds bounds;
  private transient EventCodec codec;
  private transient Counter undecodable;

  public EventRecordDeserializer(EventTimeBounds bounds) {
    this.bounds = Objects.requireNonNull(bounds, "bounds");
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    codec = new EventCodec();
    undecodable = context.getMetricGroup().counter("undecodableRecords");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out) {
    Header control = record.headers().lastHeader(TenantErasureNotice.HEADER);
    if (control != null) {
      out.collect(controlRecord(record, control));
      return;
    }
    TenantEvent event;
    try {
      event = codec().decode(record.value() == null ? new byte[0] : record.value());
    } catch (RuntimeException e) {
      out.collect(
          undecodable(
              record, e.getMessage() == null ? RejectedRecord.reasonOf(e) : e.getMessage()));
      return;
    }
    String problem = bounds.problem(event.timestamp(), record.timestamp());
    if (problem != null) {
      out.collect(
          SourceRecord.of(
              RejectedRecord.ofEvent(
                  RejectedRecord.EVENT_TIME,
                  problem,
                  event,
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  record.value(),
                  System.currentTimeMillis())));
      return;
    }
    out.collect(
        SourceRecord.of(
            new ReceivedEvent(
                event, record.timestamp(), record.partition(), record.offset(), false)));
  }

  /** An erasure notice, or the dead letter of a control record that is not one. */
  private SourceRecord controlRecord(ConsumerRecord<byte[], byte[]> record, Header control) {
    String problem;
    if (TenantErasureNotice.isNotice(control.value())) {
      try {
        TenantErasureNotice notice = TenantErasureNotice.decode(record.value());
        return SourceRecord.of(
            new TenantErasure(
                notice.tenantId(),
                notice.erasedAt().toEpochMilli(),
                record.partition(),
                record.offset()));
      } catch (RuntimeException e) {
        problem = e.getMessage();
      }
    } else {
      problem = "unknown control record " + TenantErasureNotice.HEADER + " header";
    }
    return undecodable(record, problem);
  }

  /** The dead letter of a record that is no event (stage decode), counted. */
  private SourceRecord undecodable(ConsumerRecord<byte[], byte[]> record, String reason) {
    if (undecodable != null) {
      undecodable.inc();
    }
    return SourceRecord.of(
        RejectedRecord.ofKafka(
            RejectedRecord.DECODE,
            reason,
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            record.value(),
            System.currentTimeMillis()));
  }

  private EventCodec codec() {
    if (codec == null) {
      codec = new EventCodec(); // open() is not called by every caller (tests, older runtimes)
    }
    return codec;
  }

  /** How many records did not decode, for tests; 0 before open(). */
  long undecodableCount() {
    return undecodable == null ? 0 : undecodable.getCount();
  }

  @Override
  public TypeInformation<SourceRecord> getProducedType() {
    return TypeInformation.of(SourceRecord.class);
  }
}
