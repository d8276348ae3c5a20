package dev.tenantpulse.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.kafka.embedded.Clients.Received;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One broker for the class, as the tests of other modules will share one. */
class EmbeddedKafkaBrokerTests {

  private static EmbeddedKafkaBroker kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafkaBroker.builder().build();
    Measure.start(kafka);
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  @Test
  void consumesExactlyTheRecordsProducedWithAcksAllAndIdempotence()
      throws InterruptedException, ExecutionException {
    kafka.createTopic("tenant-events", 4);
    List<Received> sent = new ArrayList<>();
    try (KafkaProducer<String, String> producer = Clients.producer(kafka.bootstrapServers())) {
      for (int i = 0; i < 40; i++) {
        String tenant = "tenant-" + (i % 5);
        RecordMetadata ack =
            producer
                .send(new ProducerRecord<>("tenant-events", tenant, "{\"event\":" + i + "}"))
                .get();
        sent.add(new Received(ack.partition(), tenant, "{\"event\":" + i + "}"));
      }
    }

    List<Received> received = Clients.readAll(kafka.bootstrapServers(), "tenant-events", 40);

    assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    for (int partition = 0; partition < 4; partition++) {
      int p = partition;
      assertThat(received.stream().filter(r -> r.partition() == p).toList())
          .as("partition %d keeps the send order", p)
          .containsExactlyElementsOf(sent.stream().filter(r -> r.partition() == p).toList());
    }
  }

  @Test
  void createTopicIsIdempotent() throws Exception {
    kafka.createTopic("plans", 3);
    kafka.createTopic("plans", 3);

    try (Admin admin = admin()) {
      assertThat(admin.describeTopics(List.of("plans")).allTopicNames().get().get("plans"))
          .satisfies(t -> assertThat(t.partitions()).hasSize(3));
    }
  }

  @Test
  void refusesAnExistingTopicWithAnotherPartitionCount() {
    kafka.createTopic("alerts", 2);

    assertThatThrownBy(() -> kafka.createTopic("alerts", 4))
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("alerts exists with 2 partitions, not 4");
  }

  @Test
  void doesNotCreateTopicsOnFirstUse() throws Exception {
    try (KafkaProducer<String, String> producer =
        Clients.producer(
            kafka.bootstrapServers(), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000))) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("typo-topic", "x")).get())
          .hasCauseInstanceOf(TimeoutException.class);
    }
    try (Admin admin = admin()) {
      assertThat(admin.listTopics().names().get()).doesNotContain("typo-topic");
    }
  }

  @Test
  void commitsTransactionsLikeTheFlinkExactlyOnceSink() {
    kafka.createTopic("tenant-state", 1);
    try (KafkaProducer<String, String> producer =
        Clients.producer(
            kafka.bootstrapServers(), Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "job-1"))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tenant-state", "t1", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("tenant-state", "t1", "committed"));
      producer.commitTransaction();
    }

    assertThat(Clients.readAll(kafka.bootstrapServers(), "tenant-state", 1))
        .containsExactly(new Received(0, "t1", "committed"));
  }

  @Test
  void listensOnTheReportedPortOfLoopback() throws IOException {
    assertThat(kafka.port()).isPositive();
    assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
    try (Socket socket = new Socket("127.0.0.1", kafka.port())) {
      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  void startWhileRunningChangesNothing() {
    int port = kafka.port();
    String clusterId = kafka.clusterId();

    kafka.start();

    assertThat(kafka.isRunning()).isTrue();
    assertThat(kafka.port()).isEqualTo(port);
    assertThat(kafka.clusterId()).isEqualTo(clusterId);
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }
}
