package dev.tenantpulse.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTests {

  private static final Path DIR = Path.of("/data/kafka");

  @Test
  void rendersOneCombinedNodeOnLoopbackWithSingleReplicaInternalTopics() {
    Map<String, String> props = BrokerProperties.render(DIR, 9092, 40001, 60_000, Map.of());

    assertThat(props)
        .containsOnly(
            entry("process.roles", "broker,controller"),
            entry("node.id", "1"),
            entry("controller.quorum.voters", "1@127.0.0.1:40001"),
            entry("controller.listener.names", "CONTROLLER"),
            entry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:40001"),
            entry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092"),
            entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            entry("inter.broker.listener.name", "PLAINTEXT"),
            entry("log.dirs", "/data/kafka"),
            entry("num.partitions", "4"),
            entry("auto.create.topics.enable", "false"),
            entry("offsets.topic.replication.factor", "1"),
            entry("offsets.topic.num.partitions", "1"),
            entry("transaction.state.log.replication.factor", "1"),
            entry("transaction.state.log.min.isr", "1"),
            entry("transaction.state.log.num.partitions", "1"),
            entry("share.coordinator.state.topic.replication.factor", "1"),
            entry("share.coordinator.state.topic.min.isr", "1"),
            entry("group.initial.rebalance.delay.ms", "0"),
            entry("log.cleaner.dedupe.buffer.size", "2097152"),
            entry("server.max.startup.time.ms", "60000"));
  }

  @Test
  void callerPropertiesOverrideDefaultsAndTheNodeIdReachesTheVoters() {
    Map<String, String> props =
        BrokerProperties.render(
            DIR, 9092, 40001, 60_000, Map.of("num.partitions", "8", "node.id", "3"));

    assertThat(props)
        .contains(
            entry("num.partitions", "8"),
            entry("node.id", "3"),
            entry("controller.quorum.voters", "3@127.0.0.1:40001"));
  }

  @Test
  void builderRefusesAPropertyItManagesNamingIt() {
    assertThatThrownBy(
            () ->
                EmbeddedKafkaBroker.builder()
                    .property("listeners", "PLAINTEXT://0.0.0.0:9092")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listeners");
  }

  @Test
  void builderRefusesBadPortAndTimeout() {
    assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(70_000).build())
        .hasMessageContaining("port");
    assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().startTimeout(Duration.ZERO).build())
        .hasMessageContaining("startTimeout");
  }

  @Test
  void portIsUnknownUntilTheFirstStartWhenAnyFreePortWasAsked() {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build()) {
      assertThatThrownBy(broker::bootstrapServers)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("first start");
    }
  }
}
