package dev.tenantpulse.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.kafka.embedded.Clients.Received;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka keeps some state JVM-wide (metrics, MBeans); a second broker must not break the first. */
class TwoBrokersTests {

  @Test
  void twoBrokersInOneJvmKeepTheirOwnClusterAndData(@TempDir Path dirA, @TempDir Path dirB)
      throws Exception {
    try (EmbeddedKafkaBroker a = EmbeddedKafkaBroker.builder().dataDir(dirA).build();
        EmbeddedKafkaBroker b = EmbeddedKafkaBroker.builder().dataDir(dirB).build()) {
      Measure.start(a);
      b.start();
      assertThat(a.port()).isNotEqualTo(b.port());
      assertThat(a.clusterId()).isNotEqualTo(b.clusterId());
      a.createTopic("events", 1);
      b.createTopic("events", 1);
      produce(a, "from-a");
      produce(b, "from-b");

      a.stop();
      produce(b, "from-b-after-a-stopped");

      assertThat(Clients.readAll(b.bootstrapServers(), "events", 2))
          .containsExactly(
              new Received(0, "k", "from-b"), new Received(0, "k", "from-b-after-a-stopped"));
      a.start();
      assertThat(Clients.readAll(a.bootstrapServers(), "events", 1))
          .containsExactly(new Received(0, "k", "from-a"));
    }
  }

  private static void produce(EmbeddedKafkaBroker broker, String value) throws Exception {
    try (KafkaProducer<String, String> producer = Clients.producer(broker.bootstrapServers())) {
      producer.send(new ProducerRecord<>("events", "k", value)).get();
    }
  }
}
