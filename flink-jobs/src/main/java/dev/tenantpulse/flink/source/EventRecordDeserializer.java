package dev.tenantpulse.flink.source;

import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.TenantEvent;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@code tenant-events} record: EventCodec JSON value, record timestamp = receive time.
 *
 * <p>A record that does not decode (another producer, a corrupted value) is skipped and counted in
 * {@code undecodableRecords}, with its partition and offset logged, instead of failing the job: a
 * failing record would otherwise fail it again on every restart and stop all metrics.
 */
public final class EventRecordDeserializer
    implements KafkaRecordDeserializationSchema<ReceivedEvent> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EventRecordDeserializer.class);

  /** Logged one by one up to this many, then every thousandth: a flood must not drown the log. */
  private static final long LOGGED_IN_FULL = 100;

  private transient EventCodec codec;
  private transient Counter undecodable;

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    codec = new EventCodec();
    undecodable = context.getMetricGroup().counter("undecodableRecords");
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ReceivedEvent> out) {
    TenantEvent event;
    try {
      event = codec().decode(record.value() == null ? new byte[0] : record.value());
    } catch (RuntimeException e) {
      skipped(record, e);
      return;
    }
    out.collect(new ReceivedEvent(event, record.timestamp(), record.partition(), false));
  }

  private void skipped(ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
    long count = 1;
    if (undecodable != null) {
      undecodable.inc();
      count = undecodable.getCount();
    }
    if (count <= LOGGED_IN_FULL || count % 1000 == 0) {
      LOG.warn(
          "skipping undecodable record {}-{} at offset {} ({} so far): {}",
          record.topic(),
          record.partition(),
          record.offset(),
          count,
          e.getMessage());
    }
  }

  private EventCodec codec() {
    if (codec == null) {
      codec = new EventCodec(); // open() is not called by every caller (tests, older runtimes)
    }
    return codec;
  }

  /** How many records were skipped, for tests; 0 before open(). */
  long undecodableCount() {
    return undecodable == null ? 0 : undecodable.getCount();
  }

  @Override
  public TypeInformation<ReceivedEvent> getProducedType() {
    return TypeInformation.of(ReceivedEvent.class);
  }
}
