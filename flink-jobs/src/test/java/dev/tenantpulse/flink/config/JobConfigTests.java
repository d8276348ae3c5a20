package dev.tenantpulse.flink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.flink.source.StartingOffsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTests {

  @Test
  void defaultsFollowTheDesign() {
    JobConfig config = JobConfig.fromProperties(Map.of(), Map.of());

    assertThat(config.kafka().topic()).isEqualTo("tenant-events");
    assertThat(config.kafka().startingOffsets()).isEqualTo(StartingOffsets.COMMITTED);
    assertThat(config.kafka().bounded()).isFalse();
    assertThat(config.clickhouse().database()).isEqualTo("tenant_pulse");
    assertThat(config.clickhouse().batchSize()).isEqualTo(50_000);
    assertThat(config.eventTime().allowedLateness()).isEqualTo(Duration.ofHours(1));
    assertThat(config.eventTime().idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.eventTime().disorderBound()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.dedupTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.eventTime().bounds().earliest())
        .isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(config.eventTime().bounds().maxFuture()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.clickhouse().maxRefusedRows()).isEqualTo(100);
    assertThat(config.sourceParallelism()).as("one reader holds all partitions back").isOne();
    assertThat(config.stateCacheEntries()).isEqualTo(16_384);
  }

  @Test
  void readsEveryOption() {
    JobConfig config =
        JobConfig.fromProperties(
            Map.ofEntries(
                Map.entry("kafka.bootstrap-servers", "k1:9092,k2:9092"),
                Map.entry("kafka.topic", "events-b"),
                Map.entry("kafka.group-id", "g"),
                Map.entry("kafka.starting-offsets", "2026-01-05T00:00:00Z"),
                Map.entry("kafka.bounded", "true"),
                Map.entry("kafka.properties.security.protocol", "SASL_SSL"),
                Map.entry("clickhouse.url", "jdbc:chdb:/tmp/x"),
                Map.entry("clickhouse.user", "writer"),
                Map.entry("clickhouse.password", "secret"),
                Map.entry("clickhouse.database", "tp_test"),
                Map.entry("events.allowed-lateness", "2h"),
                Map.entry("events.disorder-bound", "PT10S"),
                Map.entry("events.idle-timeout", "500ms"),
                Map.entry("events.dedup-ttl", "3d"),
                Map.entry("checkpoint.interval", "1m"),
                Map.entry("parallelism", "4"),
                Map.entry("source.parallelism", "0"),
                Map.entry("sink.batch-size", "5000"),
                Map.entry("sink.flush-interval", "250ms"),
                Map.entry("sink.max-retries", "2"),
                Map.entry("sink.retry-backoff", "1s"),
                Map.entry("sink.max-refused-rows", "7"),
                Map.entry("events.earliest", "2020-01-01T00:00:00Z"),
                Map.entry("events.max-future", "1h"),
                Map.entry("checkpoint.dir", "s3://bucket/tenant-pulse/checkpoints"),
                Map.entry("metrics.state-cache-entries", "0")),
            Map.of());

    assertThat(config.kafka().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(config.kafka().startingOffsets().timestamp())
        .isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
    assertThat(config.kafka().bounded()).isTrue();
    assertThat(config.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.clickhouse().password()).isEqualTo("secret");
    assertThat(config.clickhouse().toString()).doesNotContain("secret");
    assertThat(config.clickhouse().qualified("events")).isEqualTo("tp_test.events");
    assertThat(config.eventTime().allowedLateness()).isEqualTo(Duration.ofHours(2));
    assertThat(config.eventTime().disorderBound()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.eventTime().idleTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.dedupTtl()).isEqualTo(Duration.ofDays(3));
    assertThat(config.checkpointInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.parallelism()).isEqualTo(4);
    assertThat(config.sourceParallelism())
        .as("0: as many readers as the job's parallelism")
        .isZero();
    assertThat(config.clickhouse().batchSize()).isEqualTo(5000);
    assertThat(config.clickhouse().flushInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.clickhouse().maxRetries()).isEqualTo(2);
    assertThat(config.checkpointDir()).isEqualTo("s3://bucket/tenant-pulse/checkpoints");
    assertThat(config.clickhouse().maxRefusedRows()).isEqualTo(7);
    assertThat(config.eventTime().bounds().earliest())
        .isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(config.eventTime().bounds().maxFuture()).isEqualTo(Duration.ofHours(1));
    assertThat(config.stateCacheEntries()).as("0: no heap copy").isZero();
  }

  @Test
  void takesTheStateCacheSizeAsANonNegativeIntAndNamesAnythingElse() {
    Random random = new Random(20261207L);
    for (int i = 0; i < 500; i++) {
      String value = hostileInteger(random);
      Integer expected = parsedNonNegative(value);
      Map<String, String> properties = Map.of("metrics.state-cache-entries", value);
      if (expected != null) {
        assertThat(JobConfig.fromProperties(properties, Map.of()).stateCacheEntries())
            .as("'%s'", value)
            .isEqualTo(expected);
      } else {
        assertThatThrownBy(() -> JobConfig.fromProperties(properties, Map.of()))
            .as("'%s'", value)
            .isInstanceOfSatisfying(
                InvalidConfigException.class,
                e ->
                    assertThat(e.problems())
                        .singleElement()
                        .satisfies(p -> assertThat(p).startsWith("metrics.state-cache-entries:")));
      }
    }
  }

  /** Integers, in and out of int range, signed, padded, with junk, empty, non-ASCII digits. */
  private static String hostileInteger(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> Integer.toString(random.nextInt(100_000));
      case 1 -> Integer.toString(-1 - random.nextInt(100_000));
      case 2 -> Long.toString(Integer.MAX_VALUE + 1L + random.nextInt(1_000_000));
      case 3 -> "+" + random.nextInt(1000);
      case 4 -> " " + random.nextInt(1000) + (random.nextBoolean() ? " " : "");
      case 5 -> random.nextInt(1000) + "k";
      case 6 -> "";
      case 7 -> "\u0661\u0662"; // Arabic-Indic digits: Integer.parseInt reads them
      default -> Double.toString(random.nextDouble() * 1000);
    };
  }

  /** What the property must read {@code value} as, or null when it must refuse it. */
  private static Integer parsedNonNegative(String value) {
    try {
      int parsed = Integer.parseInt(value.strip());
      return parsed >= 0 ? parsed : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Test
  void takesClickhouseCredentialsFromTheEnvironmentUnlessSet() {
    JobConfig config =
        JobConfig.fromProperties(
            Map.of(), Map.of("CLICKHOUSE_USER", "svc", "CLICKHOUSE_PASSWORD", "from-env"));

    assertThat(config.clickhouse().user()).isEqualTo("svc");
    assertThat(config.clickhouse().password()).isEqualTo("from-env");
  }

  @Test
  void reportsEveryBadPropertyAtOnceByName() {
    assertThatThrownBy(
            () ->
                JobConfig.fromProperties(
                    Map.of(
                        "events.allowed-lateness", "an hour",
                        "sink.batch-size", "0",
                        "clickhouse.database", "tenant-pulse",
                        "kafka.bounded", "yes",
                        "kafka.starting-offsets", "yesterday",
                        "clickhouse.url", "http://localhost:8123",
                        "events.lateness", "1h",
                        "checkpoint.dir", "/var/lib/flink",
                        "catalog.path", "/nonexistent/catalog.json",
                        "events.earliest", "1969-12-31T23:59:59Z"),
                    Map.of()))
        .isInstanceOfSatisfying(
            InvalidConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(10)
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("events.earliest: must be in [1970-01-01T00:00:00Z,"))
                    .anySatisfy(p -> assertThat(p).startsWith("checkpoint.dir:"))
                    .anySatisfy(p -> assertThat(p).startsWith("catalog.path:"))
                    .anySatisfy(p -> assertThat(p).startsWith("events.allowed-lateness:"))
                    .anySatisfy(p -> assertThat(p).startsWith("sink.batch-size: must be >= 1"))
                    .anySatisfy(p -> assertThat(p).startsWith("clickhouse.database:"))
                    .anySatisfy(p -> assertThat(p).startsWith("kafka.bounded:"))
                    .anySatisfy(p -> assertThat(p).startsWith("kafka.starting-offsets:"))
                    .anySatisfy(p -> assertThat(p).startsWith("clickhouse.url:"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .isEqualTo("events.lateness: unknown property (a typo?)")));
  }

  @Test
  void argumentsOverrideTheConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("job.properties");
    Files.writeString(
        file, "kafka.topic=from-file\nparallelism=2\nclickhouse.database=from_file\n");

    JobArguments args =
        JobArguments.parse(
            "--config", file.toString(), "--parallelism", "3", "--from=2026-01-05T00:00:00Z");
    assertThat(args.take("from")).isEqualTo("2026-01-05T00:00:00Z");
    JobConfig config = args.jobConfig();

    assertThat(config.kafka().topic()).isEqualTo("from-file");
    assertThat(config.parallelism()).isEqualTo(3);
    assertThat(config.clickhouse().database()).isEqualTo("from_file");
  }

  @Test
  void refusesAMissingConfigFileAndDanglingArguments() {
    assertThatThrownBy(() -> JobArguments.parse("--config", "/nonexistent/job.properties"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> JobArguments.parse("--parallelism"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("has no value");
    assertThatThrownBy(() -> JobArguments.parse("parallelism", "2"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("expected --key value");
  }

  @Test
  void readsDurationsInShortAndIsoForm() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("2min")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("PT1H")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
  }
}
