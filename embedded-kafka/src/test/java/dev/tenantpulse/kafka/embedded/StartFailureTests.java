package dev.tenantpulse.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartFailureTests {

  @TempDir Path dataDir;

  @Test
  void failsNamingThePortWhenItIsTakenAndLeavesTheDirectoryUsable() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      EmbeddedKafkaBroker blocked =
          EmbeddedKafkaBroker.builder().dataDir(dataDir).port(taken.getLocalPort()).build();

      assertThatThrownBy(blocked::start)
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("failed to start");
      assertThat(blocked.isRunning()).isFalse();
    }

    try (EmbeddedKafkaBroker next = EmbeddedKafkaBroker.builder().dataDir(dataDir).build()) {
      Measure.start(next);
      assertThat(next.isRunning()).isTrue();
    }
  }

  @Test
  void refusesADataDirectoryAnotherBrokerUses() {
    try (EmbeddedKafkaBroker running = EmbeddedKafkaBroker.builder().dataDir(dataDir).build();
        EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDir(dataDir).build()) {
      Measure.start(running);

      assertThatThrownBy(second::start)
          .isInstanceOf(EmbeddedKafkaException.class)
          .hasMessageContaining("is in use by another broker");
      assertThat(running.isRunning()).isTrue();
    }
  }
}
