package dev.tenantpulse.warehouse.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellOptionsTests {

  private static ShellOptions parse(String... args) {
    return ShellOptions.parse(List.of(args), Map.of());
  }

  @Test
  void defaultsToAReadOnlyTableShellOnTheEmbeddedDataDirectory() {
    ShellOptions options = parse();

    assertThat(options.dataDir()).isEqualTo(Path.of("data", "clickhouse"));
    assertThat(options.execute()).isEmpty();
    assertThat(options.format()).isEqualTo(OutputFormat.TABLE);
    assertThat(options.maxRows()).isEqualTo(10_000);
    assertThat(options.timeoutSeconds()).isEqualTo(60);
    assertThat(options.database()).isEqualTo("tenant_pulse");
  }

  @Test
  void takesTheDataDirectoryFromTheEnvironmentUnlessGiven() {
    Map<String, String> env = Map.of("TENANT_PULSE_DATA", "/srv/tp");

    assertThat(ShellOptions.parse(List.of(), env).dataDir())
        .isEqualTo(Path.of("/srv/tp/clickhouse"));
    assertThat(ShellOptions.parse(List.of("--data", "/x"), env).dataDir()).isEqualTo(Path.of("/x"));
  }

  @Test
  void readsEveryOptionInBothSpellings() {
    ShellOptions options =
        parse("--data=/d", "-e", "SELECT 1", "--format", "JSON", "--max-rows=5", "--timeout", "7");

    assertThat(options.dataDir()).isEqualTo(Path.of("/d"));
    assertThat(options.execute()).contains("SELECT 1");
    assertThat(options.format()).isEqualTo(OutputFormat.JSON);
    assertThat(options.maxRows()).isEqualTo(5);
    assertThat(options.timeoutSeconds()).isEqualTo(7);
  }

  @Test
  void putsTheLimitsInTheUrlWithReadonlyEnforced() {
    assertThat(parse("--data", "/d", "--max-rows", "5", "--timeout", "7").url())
        .isEqualTo(
            "jdbc:chdb:/d?readonly=1&max_execution_time=7&max_result_rows=5"
                + "&result_overflow_mode=break");
  }

  @Test
  void namesAnUnknownOption() {
    assertThatThrownBy(() -> parse("--rows", "5"))
        .isInstanceOf(ShellOptions.UsageException.class)
        .hasMessage("unknown option '--rows'");
  }

  @Test
  void namesTheOptionWithABadValue() {
    assertThatThrownBy(() -> parse("--max-rows", "lots"))
        .hasMessage("--max-rows must be a whole number, got 'lots'");
    assertThatThrownBy(() -> parse("--format", "xml"))
        .hasMessage("--format must be one of table, csv, tsv, json, got 'xml'");
    assertThatThrownBy(() -> parse("--timeout", "0")).hasMessageContaining("--timeout must be");
    assertThatThrownBy(() -> parse("--database", "x;DROP")).hasMessageContaining("--database");
  }

  @Test
  void namesAnOptionWithoutItsValue() {
    assertThatThrownBy(() -> parse("--data")).hasMessage("option --data needs a value");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> parse("--max-rows", "0", "stray", "--timeout", "-1"))
        .isInstanceOfSatisfying(
            ShellOptions.UsageException.class,
            e ->
                assertThat(e.problems())
                    .satisfiesExactly(
                        p -> assertThat(p).startsWith("unexpected argument 'stray'"),
                        p -> assertThat(p).startsWith("--max-rows must be between 1 and"),
                        p -> assertThat(p).startsWith("--timeout must be between 1 and")));
  }
}
