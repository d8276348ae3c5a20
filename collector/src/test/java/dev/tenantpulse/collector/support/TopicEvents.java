package dev.tenantpulse.collector.support;

import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.TenantErasureNotice;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The events of one test on the shared topic, told apart by an id prefix. Unlike a count of all
 * records, this waits for the test's own events, however many other tests wrote before.
 */
public final class TopicEvents {

  private static final EventCodec CODEC = new EventCodec();

  private TopicEvents() {}

  /** A record's key (the tenant) and its decoded event. */
  public record Received(String key, TenantEvent event) {}

  /**
   * Reads {@code topic} from the start until {@code expected} events whose id starts with {@code
   * prefix} arrived or the deadline passed, then polls once more so that extra ones show too.
   */
  public static List<Received> withIdPrefix(
      String topic, String prefix, int expected, Duration deadline) {
    List<Received> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + deadline.toNanos();
      while (System.nanoTime() < end && found.size() < expected) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> keep(r, prefix, found));
      }
      consumer.poll(Duration.ofMillis(300)).forEach(r -> keep(r, prefix, found));
    }
    return found;
  }

  /**
   * The erasure notices on {@code topic} for {@code tenant}, with the key each was written under.
   */
  public static List<Map.Entry<String, TenantErasureNotice>> erasureNotices(
      String topic, String tenant, Duration deadline) {
    List<Map.Entry<String, TenantErasureNotice>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + deadline.toNanos();
      while (System.nanoTime() < end && found.isEmpty()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.headers().lastHeader(TenantErasureNotice.HEADER) != null) {
            TenantErasureNotice notice = TenantErasureNotice.decode(r.value());
            if (notice.tenantId().equals(tenant)) {
              found.add(Map.entry(r.key(), notice));
            }
          }
        }
      }
    }
    return found;
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    Properties p = new Properties();
    p.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestKafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"));
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static void keep(
      ConsumerRecord<String, byte[]> record, String prefix, List<Received> to) {
    if (record.headers().lastHeader(TenantErasureNotice.HEADER) != null) {
      return; // a control record, no event
    }
    TenantEvent event = CODEC.decode(record.value());
    if (event.id().startsWith(prefix)) {
      to.add(new Received(record.key(), event));
    }
  }
}
