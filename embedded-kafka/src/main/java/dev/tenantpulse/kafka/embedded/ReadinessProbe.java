package dev.tenantpulse.kafka.embedded;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Proves that the broker is ready for the collector: an idempotent {@code acks=all} produce is
 * acknowledged. {@code KafkaRaftServer.startup()} returning means the broker is unfenced, not that
 * a partition leader can take a write; this is the check that matters to callers.
 */
final class ReadinessProbe {

  /**
   * The topic the probe writes one record to on each start (one partition, a few bytes). Kafka has
   * no writable topic of its own, so the probe needs one; the name marks it as the broker's.
   */
  static final String TOPIC = "__embedded_kafka_readiness";

  private static final int REQUEST_TIMEOUT_MS = 5_000;

  private ReadinessProbe() {}

  static void awaitAcksAll(String bootstrapServers, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    TopicAdmin.createTopic(bootstrapServers, TOPIC, 1, timeout);
    long remaining = Math.max(1, TopicAdmin.remainingMillis(deadline));
    int requestTimeout = (int) Math.min(REQUEST_TIMEOUT_MS, remaining);
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            0,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            remaining,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            requestTimeout,
            // The producer retries internally until this, which must cover one request.
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            (int) Math.max(requestTimeout, remaining));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(TOPIC, new byte[0]))
          .get(TopicAdmin.remainingMillis(deadline) + REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException("Interrupted while waiting for " + bootstrapServers, e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new EmbeddedKafkaException(
          "Embedded Kafka broker at "
              + bootstrapServers
              + " did not acknowledge an acks=all produce within "
              + timeout.toMillis()
              + " ms: "
              + cause,
          cause);
    }
  }
}
