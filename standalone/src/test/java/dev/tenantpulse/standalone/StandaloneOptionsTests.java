package dev.tenantpulse.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandaloneOptionsTests {

  @Test
  void keepsFlinkStateInRocksDbUnlessToldOtherwise() throws Exception {
    assertThat(StandaloneOptions.parse(List.of(), Map.of()).stateBackend()).isEqualTo("rocksdb");
    assertThat(
            StandaloneOptions.parse(List.of("--state-backend", "hashmap"), Map.of()).stateBackend())
        .isEqualTo("hashmap");
    assertThat(
            StandaloneOptions.parse(List.of(), Map.of("TENANT_PULSE_STATE_BACKEND", "hashmap"))
                .stateBackend())
        .isEqualTo("hashmap");
  }

  @Test
  void refusesEveryOtherStateBackendNamingTheChoices() {
    java.util.Random random = new java.util.Random(5);
    List<String> hostile =
        new java.util.ArrayList<>(List.of("", " rocksdb", "RocksDB", "forst", "rocksdb\n"));
    for (int i = 0; i < 200; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(12);
      for (int c = 0; c < n; c++) {
        b.appendCodePoint(
            random.nextInt(3) == 0 ? random.nextInt(0x3000) : 'a' + random.nextInt(26));
      }
      hostile.add(b.toString());
    }
    for (String value : hostile) {
      if (StandaloneOptions.STATE_BACKENDS.contains(value)) {
        continue;
      }
      assertThatThrownBy(
              () -> StandaloneOptions.parse(List.of("--state-backend=" + value), Map.of()))
          .as(value)
          .isInstanceOf(StandaloneOptions.UsageException.class)
          .hasMessageContaining("--state-backend must be one of rocksdb, hashmap")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\p{Cntrl}"));
    }
  }

  @Test
  void defaultsToTheDataDirectoryAndPortsOfTheReadme() throws Exception {
    StandaloneOptions options = StandaloneOptions.parse(List.of(), Map.of());

    assertThat(options.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(options.ports())
        .isEqualTo(new StandaloneOptions.Ports(9092, 8080, 8081, 8082, 8083, 8123));
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.demo()).isFalse();
    assertThat(options.devKey()).contains(StandaloneOptions.DEFAULT_DEV_KEY);
    assertThat(options.adminToken()).isEmpty();
  }

  @Test
  void readsOptionsInBothSpellingsAndTheEnvironment() throws Exception {
    StandaloneOptions options =
        StandaloneOptions.parse(
            List.of("--data-dir=/srv/tp", "--demo", "--port", "9000", "--console-port=0"),
            Map.of("TENANT_PULSE_ADMIN_TOKEN", "from-env", "TENANT_PULSE_DEV_KEY", ""));

    assertThat(options.dataDir()).isEqualTo(Path.of("/srv/tp"));
    assertThat(options.demo()).isTrue();
    assertThat(options.ports().collector()).isEqualTo(9000);
    assertThat(options.ports().console()).isZero();
    assertThat(options.adminToken()).contains("from-env");
    assertThat(options.devKey()).isEmpty();
  }

  @Test
  void reportsEveryProblemOfTheCommandLineAtOnce() {
    assertThatThrownBy(
            () ->
                StandaloneOptions.parse(
                    List.of("--port", "http", "--kafka-port=70000", "--frobnicate", "--data-dir"),
                    Map.of()))
        .isInstanceOf(StandaloneOptions.UsageException.class)
        .hasMessageContaining("--port must be a port number, got 'http'")
        .hasMessageContaining("--kafka-port must be 0 (any free port) to 65535, got 70000")
        .hasMessageContaining("unknown option '--frobnicate'")
        .hasMessageContaining("--data-dir needs a value");
  }
}
