package dev.tenantpulse.collector.support;

import dev.tenantpulse.kafka.embedded.EmbeddedKafkaBroker;
import dev.tenantpulse.tenancy.events.TenantErasureNotice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** The one real KRaft broker of the test JVM, shared by every test class; topics per test. */
public final class TestKafka {

  private static EmbeddedKafkaBroker broker;

  private TestKafka() {}

  public static synchronized EmbeddedKafkaBroker broker() {
    if (broker == null) {
      try {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-test-");
        broker = EmbeddedKafkaBroker.builder().dataDir(dir).port(0).build();
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return broker;
  }

  public static String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /** A topic name no other test uses. */
  public static String freshTopic(String hint) {
    String topic = hint + "-" + UUID.randomUUID().toString().substring(0, 8);
    broker().createTopic(topic, 2);
    return topic;
  }

  private static void addIf(
      List<ConsumerRecord<String, byte[]>> records,
      ConsumerRecord<String, byte[]> record,
      java.util.function.Predicate<ConsumerRecord<String, byte[]>> mine) {
    // Control records (a tenant's erasure notice) share the topic; they are no events.
    if (record.headers().lastHeader(TenantErasureNotice.HEADER) == null && mine.test(record)) {
      records.add(record);
    }
  }

  /** Reads the topic from the start until {@code expected} records arrived or the deadline. */
  public static List<ConsumerRecord<String, byte[]>> read(
      String topic, int expected, Duration deadline) {
    return read(topic, record -> true, expected, deadline);
  }

  /**
   * Reads the topic from the start until {@code expected} records matching {@code mine} arrived
   * (other test classes share the topic) or the deadline; returns only the matching ones, after one
   * more short poll that would catch extras.
   */
  public static List<ConsumerRecord<String, byte[]>> read(
      String topic,
      java.util.function.Predicate<ConsumerRecord<String, byte[]>> mine,
      int expected,
      Duration deadline) {
    Properties p = new Properties();
    p.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"));
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + deadline.toNanos();
      while (System.nanoTime() < end && records.size() < expected) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> addIf(records, r, mine));
      }
      // One more short poll proves nothing beyond the expected records arrived.
      consumer.poll(Duration.ofMillis(300)).forEach(r -> addIf(records, r, mine));
    }
    return records;
  }
}
