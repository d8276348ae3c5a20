package dev.tenantpulse.flink.config;

import dev.tenantpulse.flink.eventtime.EventTimeBounds;
import dev.tenantpulse.flink.eventtime.EventTimeOptions;
import dev.tenantpulse.flink.metrics.TenantStateCache;
import dev.tenantpulse.flink.sink.ClickHouseOptions;
import dev.tenantpulse.flink.source.KafkaOptions;
import dev.tenantpulse.flink.source.StartingOffsets;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Every option of the Tenant Pulse Flink job, typed. Read from flat properties ({@link
 * #fromProperties}); a bad value or an unknown key stops the start with a message naming each
 * property. The README's flink-jobs section lists the keys.
 *
 * @param dedupTtl how long an event id is remembered to drop re-sent copies (the contract's 7-day
 *     idempotency window, in processing time: Flink's state TTL)
 * @param checkpointInterval how often state and Kafka offsets are checkpointed; the sink also
 *     flushes on every checkpoint
 * @param parallelism operator parallelism, 0 = the environment's default
 * @param sourceParallelism Kafka source readers, 0 = {@code parallelism}; default 1, because only
 *     the partitions of one reader hold each other back: with more, an idle reader can let event
 *     time run ahead of the backlog it reads next, which is then counted as late ({@link
 *     dev.tenantpulse.flink.eventtime.LatenessAfterShuffle})
 * @param catalogPath a plan catalog file of the operator's ({@code PlanCatalog.load}), null for the
 *     default catalog
 * @param stateCacheEntries entries of the per-tenant operator's heap copy of each of its states
 *     ({@code metrics.state-cache-entries}), 0 for none
 */
public record JobConfig(
    KafkaOptions kafka,
    ClickHouseOptions clickhouse,
    EventTimeOptions eventTime,
    Duration dedupTtl,
    Duration checkpointInterval,
    int parallelism,
    int sourceParallelism,
    String catalogPath,
    String checkpointDir,
    int stateCacheEntries)
    implements Serializable {

  public static final Duration DEFAULT_DEDUP_TTL = Duration.ofDays(7);
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
  public static final int DEFAULT_SOURCE_PARALLELISM = 1;
  public static final String DEFAULT_CLICKHOUSE_URL = "jdbc:clickhouse://localhost:8123";

  public JobConfig {
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(clickhouse, "clickhouse");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(dedupTtl, "dedupTtl");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
  }

  /**
   * Reads the job's properties; absent keys take their defaults. {@code clickhouse.user} and {@code
   * clickhouse.password} default to the environment's {@code CLICKHOUSE_USER} / {@code
   * CLICKHOUSE_PASSWORD}, so a secret need not sit in a file.
   *
   * @throws InvalidConfigException naming every bad or unknown property
   */
  public static JobConfig fromProperties(Map<String, String> properties) {
    return fromProperties(properties, System.getenv());
  }

  static JobConfig fromProperties(Map<String, String> properties, Map<String, String> env) {
    PropertyReader p = new PropertyReader(properties);
    KafkaOptions kafka =
        new KafkaOptions(
            p.requiredString("kafka.bootstrap-servers", "localhost:9092"),
            p.requiredString("kafka.topic", KafkaOptions.DEFAULT_TOPIC),
            p.requiredString("kafka.group-id", KafkaOptions.DEFAULT_GROUP_ID),
            p.parse(
                "kafka.starting-offsets",
                StartingOffsets.COMMITTED,
                StartingOffsets::parse,
                "committed, earliest, latest or an ISO-8601 instant",
                v -> true,
                ""),
            p.bool("kafka.bounded", false),
            p.withPrefix("kafka.properties."));
    String database = p.requiredString("clickhouse.database", ClickHouseOptions.DEFAULT_DATABASE);
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      p.problem("clickhouse.database: '" + database + "' is not a database name");
      database = ClickHouseOptions.DEFAULT_DATABASE;
    }
    String url = p.requiredString("clickhouse.url", DEFAULT_CLICKHOUSE_URL);
    if (url != null && !url.isEmpty() && !url.startsWith("jdbc:")) {
      p.problem(
          "clickhouse.url: '" + url + "' is not a JDBC URL (jdbc:clickhouse://… or jdbc:chdb:…)");
    }
    ClickHouseOptions clickhouse =
        new ClickHouseOptions(
            url,
            p.string("clickhouse.user", env.getOrDefault("CLICKHOUSE_USER", "default")),
            p.string("clickhouse.password", env.getOrDefault("CLICKHOUSE_PASSWORD", "")),
            database,
            p.integer("sink.batch-size", ClickHouseOptions.DEFAULT_BATCH_SIZE, 1),
            p.duration(
                "sink.flush-interval",
                ClickHouseOptions.DEFAULT_FLUSH_INTERVAL,
                Duration.ofMillis(10)),
            p.integer("sink.max-retries", ClickHouseOptions.DEFAULT_MAX_RETRIES, 0),
            p.duration(
                "sink.retry-backoff", ClickHouseOptions.DEFAULT_RETRY_BACKOFF, Duration.ZERO),
            p.integer("sink.max-refused-rows", ClickHouseOptions.DEFAULT_MAX_REFUSED_ROWS, 0));
    EventTimeOptions eventTime =
        new EventTimeOptions(
            p.duration(
                "events.disorder-bound", EventTimeOptions.DEFAULT_DISORDER_BOUND, Duration.ZERO),
            p.duration(
                "events.idle-timeout",
                EventTimeOptions.DEFAULT_IDLE_TIMEOUT,
                Duration.ofMillis(100)),
            p.duration(
                "events.allowed-lateness",
                EventTimeOptions.DEFAULT_ALLOWED_LATENESS,
                Duration.ZERO),
            new EventTimeBounds(
                p.parse(
                    "events.earliest",
                    EventTimeBounds.DEFAULT_EARLIEST,
                    Instant::parse,
                    "an ISO-8601 instant like 2000-01-01T00:00:00Z",
                    t ->
                        !t.isBefore(EventTimeBounds.LOWEST_EARLIEST)
                            && t.isBefore(EventTimeBounds.LIMIT),
                    "in [" + EventTimeBounds.LOWEST_EARLIEST + ", " + EventTimeBounds.LIMIT + ")"),
                p.duration(
                    "events.max-future", EventTimeBounds.DEFAULT_MAX_FUTURE, Duration.ZERO)));
    Duration dedupTtl = p.duration("events.dedup-ttl", DEFAULT_DEDUP_TTL, Duration.ofSeconds(1));
    Duration checkpointInterval =
        p.duration("checkpoint.interval", DEFAULT_CHECKPOINT_INTERVAL, Duration.ofMillis(100));
    int parallelism = p.integer("parallelism", 0, 0);
    int sourceParallelism = p.integer("source.parallelism", DEFAULT_SOURCE_PARALLELISM, 0);
    String catalogPath = p.string("catalog.path", null);
    if (catalogPath != null && !catalogPath.isEmpty()) {
      try {
        PlanCatalog.load(Path.of(catalogPath));
      } catch (RuntimeException e) {
        p.problem("catalog.path: " + e.getMessage());
      }
    } else {
      catalogPath = null;
    }
    int stateCacheEntries =
        p.integer("metrics.state-cache-entries", TenantStateCache.DEFAULT_CAPACITY, 0);
    String checkpointDir = p.string("checkpoint.dir", null);
    if (checkpointDir != null && checkpointDir.isEmpty()) {
      checkpointDir = null;
    }
    if (checkpointDir != null && !checkpointDir.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
      p.problem(
          "checkpoint.dir: '" + checkpointDir + "' is not a URI such as file:///var/lib/flink");
    }
    p.finish();
    return new JobConfig(
        kafka,
        clickhouse,
        eventTime,
        dedupTtl,
        checkpointInterval,
        parallelism,
        sourceParallelism,
        catalogPath,
        checkpointDir,
        stateCacheEntries);
  }

  /** The plan catalog: the operator's file, or the default one. */
  public PlanCatalog catalog() {
    return catalogPath == null
        ? PlanCatalog.defaultCatalog()
        : PlanCatalog.load(Path.of(catalogPath));
  }
}
