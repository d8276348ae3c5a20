package dev.tenantpulse.kafka.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers and consumers as the collector and the Flink jobs configure them. */
final class Clients {

  /** What a test compares: where a record landed and what it carried. */
  record Received(int partition, String key, String value) {
    static Received of(ConsumerRecord<String, String> record) {
      return new Received(record.partition(), record.key(), record.value());
    }
  }

  private Clients() {}

  static KafkaProducer<String, String> producer(String bootstrapServers) {
    return producer(bootstrapServers, Map.of());
  }

  /** Idempotent, {@code acks=all}: what the collector needs before it answers 202. */
  static KafkaProducer<String, String> producer(
      String bootstrapServers, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putAll(overrides);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /**
   * Reads {@code topic} from the beginning in a new consumer group until {@code expected} records
   * arrived or the deadline passed, and returns what arrived.
   */
  static List<Received> readAll(String bootstrapServers, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    List<Received> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (received.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(Received.of(r)));
      }
      consumer.commitSync();
    }
    return received;
  }
}
