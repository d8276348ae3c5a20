package dev.tenantpulse.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.io.ScenarioJsonLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioMainTests {

  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return ScenarioMain.run(args, stdout, new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @Test
  void writesTheScenarioOfTheOptionsToTheFileAndASummary(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("sub/s.jsonl");

    int status = run("--seed", "3", "--tenants", "40", "--days=9", "--out", out.toString());

    assertThat(status).isZero();
    ScenarioConfig config = ScenarioConfig.small(3).withTenants(40).withDays(9);
    assertThat(new ScenarioJsonLines().read(out))
        .isEqualTo(ScenarioGenerator.generate(config).arrivals());
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("seed=3", "tenants=40", "arrivals");
    assertThat(stdout.size()).isZero();
  }

  @Test
  void writesToStandardOutputByDefault() throws Exception {
    assertThat(run("--tenants", "5", "--days", "2")).isZero();

    assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("{\"id\":\"tenant-");
  }

  @Test
  void summarisesTheOracleOnRequestWithoutWritingEvents() throws Exception {
    assertThat(run("--tenants", "20", "--days", "9", "--out", "none", "--oracle")).isZero();

    assertThat(stdout.size()).isZero();
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("oracle (streaming):", "cohorts", "usage rows");
  }

  @Test
  void refusesUnknownOrBadOptionsWithUsage() throws Exception {
    assertThat(run("--tenant", "5")).isEqualTo(2);
    assertThat(run("--size", "huge")).isEqualTo(2);
    assertThat(run("--tenants", "0")).isEqualTo(2);
    assertThat(run("--seed")).isEqualTo(2);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains(
            "unknown option --tenant", "usage:", "tenants must be >= 1", "--seed needs a value");
  }
}
