package dev.tenantpulse.collector.loadgen;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.EventValidator;
import dev.tenantpulse.tenancy.events.TenantEvent;
import dev.tenantpulse.tenancy.events.ValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/**
 * The ceiling of the collector's path: a plain {@link KafkaProducer} with the collector's own
 * producer settings sending the very records the collector would write for the same batches
 * (validated, encoded by {@link EventCodec}, keyed by tenant), as fast as it can, to the same
 * broker. No HTTP, no parsing: what is left when everything the collector adds costs nothing.
 */
final class ProducerCeiling {

  /** The records the collector would produce for {@code templates}' bodies. */
  record Encoded(String key, byte[] value) {}

  /** What the plain producer achieved. */
  record Result(long acknowledged, Duration elapsed, long failed, Duration processCpu) {
    double eventsPerSecond() {
      return acknowledged / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    double cpuMillisPerThousandEvents() {
      return acknowledged == 0 ? Double.NaN : processCpu.toNanos() / 1e6 / (acknowledged / 1e3);
    }
  }

  private ProducerCeiling() {}

  static List<Encoded> encode(BatchTemplates templates, int bodies) {
    EventValidator validator = new EventValidator(PlanCatalog.defaultCatalog());
    EventCodec codec = new EventCodec();
    Instant now = Instant.now();
    List<Encoded> records = new ArrayList<>();
    for (int b = 0; b < bodies; b++) {
      JsonNode events = EventCodec.jsonMapper().readTree(templates.render(b)).get("events");
      for (JsonNode raw : events) {
        ValidationResult result = validator.validate(raw, now);
        if (!result.isValid()) {
          throw new IllegalStateException("generated an invalid event: " + result.problems());
        }
        TenantEvent event = result.event();
        records.add(new Encoded(event.tenantId(), codec.encode(event)));
      }
    }
    return records;
  }

  /**
   * Sends {@code records} round and round from one thread for {@code warmup} + {@code duration};
   * counts the acknowledgements that arrive within the measured window.
   */
  static Result measure(
      Map<String, Object> producerConfig,
      String topic,
      List<Encoded> records,
      Duration warmup,
      Duration duration) {
    AtomicLong acked = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Callback callback =
        (metadata, exception) -> {
          if (exception == null) {
            acked.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
        };
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
      long start = System.nanoTime();
      long measureStart = start + warmup.toNanos();
      long measureEnd = measureStart + duration.toNanos();
      long ackedAtStart = -1;
      long cpuAtStart = 0;
      long at = start;
      for (int i = 0; at < measureEnd; i++) {
        Encoded r = records.get(i % records.size());
        producer.send(
            new ProducerRecord<>(topic, null, System.currentTimeMillis(), r.key(), r.value()),
            callback);
        if ((i & 255) == 0) {
          at = System.nanoTime();
          if (ackedAtStart < 0 && at >= measureStart) {
            ackedAtStart = acked.get();
            cpuAtStart = ProcessCpu.nanos();
            measureStart = at;
          }
        }
      }
      long ackedAtEnd = acked.get();
      long end = System.nanoTime();
      long cpuAtEnd = ProcessCpu.nanos();
      producer.flush();
      return new Result(
          ackedAtEnd - Math.max(0, ackedAtStart),
          Duration.ofNanos(end - measureStart),
          failed.get(),
          Duration.ofNanos(Math.max(0, cpuAtEnd - cpuAtStart)));
    }
  }
}
