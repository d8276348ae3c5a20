package dev.tenantpulse.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.kafka.embedded.Clients.Received;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Stop the broker, then bring it back": the fault the collector must answer with 503, then heal.
 */
class BrokerRestartTests {

  @TempDir Path dataDir;

  @Test
  void keepsRecordsAndPortAcrossStopAndStart() throws Exception {
    try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dataDir).build()) {
      Measure.start(kafka);
      String bootstrap = kafka.bootstrapServers();
      kafka.createTopic("tenant-events", 2);
      try (KafkaProducer<String, String> longLived = Clients.producer(bootstrap)) {
        send(longLived, "tenant-events", 0, 10);

        kafka.stop();

        assertThat(kafka.isRunning()).isFalse();
        try (KafkaProducer<String, String> impatient =
            Clients.producer(
                bootstrap,
                Map.of(
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1_500))) {
          assertThatThrownBy(
                  () -> impatient.send(new ProducerRecord<>("tenant-events", "t", "lost")).get())
              .hasCauseInstanceOf(TimeoutException.class);
        }

        kafka.start();

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(Clients.readAll(bootstrap, "tenant-events", 10)).hasSize(10);
        // The producer the collector kept through the outage delivers again, without a restart.
        send(longLived, "tenant-events", 10, 15);
      }
      assertThat(Clients.readAll(bootstrap, "tenant-events", 15))
          .extracting(Received::value)
          .containsExactlyInAnyOrderElementsOf(values(0, 15));
    }
  }

  @Test
  void aNewBrokerOnAFormattedDirectoryKeepsClusterAndRecords() throws Exception {
    String clusterId;
    int port;
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDir(dataDir).build()) {
      Measure.start(first);
      first.createTopic("plans", 1);
      try (KafkaProducer<String, String> producer = Clients.producer(first.bootstrapServers())) {
        send(producer, "plans", 0, 3);
      }
      clusterId = first.clusterId();
      port = first.port();
    }

    try (EmbeddedKafkaBroker second =
        EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).build()) {
      second.start();

      assertThat(second.clusterId()).isEqualTo(clusterId);
      assertThat(Clients.readAll(second.bootstrapServers(), "plans", 3))
          .extracting(Received::value)
          .containsExactlyElementsOf(values(0, 3));
    }
  }

  private static void send(KafkaProducer<String, String> producer, String topic, int from, int to)
      throws InterruptedException, ExecutionException {
    for (String value : values(from, to)) {
      producer.send(new ProducerRecord<>(topic, "tenant", value)).get();
    }
  }

  private static List<String> values(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "event-" + i).toList();
  }
}
