package dev.tenantpulse.warehouse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchOptionsTests {

  @Test
  void defaultsToTwoMillionRowsInBatchesOfAHundredThousand() {
    BenchOptions options = BenchOptions.parse(List.of());

    assertThat(options.rows()).isEqualTo(2_000_000);
    assertThat(options.batch()).isEqualTo(100_000);
    assertThat(options.repeat()).isEqualTo(5);
    assertThat(options.data()).isEmpty();
  }

  @Test
  void readsEveryOption() {
    BenchOptions options =
        BenchOptions.parse(List.of("--rows=1_000", "--batch", "100", "--repeat", "2", "--data=/d"));

    assertThat(options).isEqualTo(new BenchOptions(1000, 100, 2, Optional.of(Path.of("/d"))));
  }

  @Test
  void namesTheBadOption() {
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--threads", "4")))
        .hasMessageStartingWith("unknown option '--threads'");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--rows", "many")))
        .hasMessage("--rows must be a whole number, got 'many'");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--batch", "0")))
        .hasMessageStartingWith("--batch must be between 1");
  }
}
