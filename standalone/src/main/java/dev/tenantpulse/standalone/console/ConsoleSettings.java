package dev.tenantpulse.standalone.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console is given by the runtime.
 *
 * @param adminToken the bearer token every {@code /api/**} request must carry
 * @param warehouseUrl the process's one {@code jdbc:chdb:} URL (read-only sessions are opened on
 *     it)
 * @param database the database analysts' queries run in by default
 * @param defaultMaxRows rows returned when the request names no limit
 * @param maxRowsCap the largest limit a request may ask for
 * @param defaultTimeout a query's time limit when the request names none
 * @param timeoutCap the largest time limit a request may ask for
 * @param maxConcurrentQueries queries running at once; more get 429
 * @param maxMemoryBytes ClickHouse {@code max_memory_usage} of one query
 * @param maxResultBytes the largest output one query may return; a larger one is refused (422)
 *     before any of it is copied into the heap that Flink, Kafka and every service share
 * @param collectorUrl where the collector's admin API is, for {@code /api/keys}
 * @param alertingUrl where the alerting API is, for the alerts page ({@code /api/alerting/**});
 *     null when alerting does not run
 * @param boardsDatabase the database the built-in boards read instead of {@code tenant_pulse}
 */
public record ConsoleSettings(
    String adminToken,
    String warehouseUrl,
    String database,
    int defaultMaxRows,
    int maxRowsCap,
    Duration defaultTimeout,
    Duration timeoutCap,
    int maxConcurrentQueries,
    long maxMemoryBytes,
    long maxResultBytes,
    String collectorUrl,
    String alertingUrl,
    String boardsDatabase) {

  public ConsoleSettings {
    List<String> problems = new ArrayList<>();
    if (adminToken == null || adminToken.isBlank()) {
      problems.add("adminToken must not be empty");
    }
    if (defaultMaxRows < 1 || maxRowsCap < defaultMaxRows) {
      problems.add("need 1 <= defaultMaxRows <= maxRowsCap");
    }
    if (defaultTimeout.toSeconds() < 1 || timeoutCap.compareTo(defaultTimeout) < 0) {
      problems.add("need 1 s <= defaultTimeout <= timeoutCap");
    }
    if (maxConcurrentQueries < 1) {
      problems.add("maxConcurrentQueries must be at least 1");
    }
    if (maxResultBytes < 1024) {
      problems.add("maxResultBytes must be at least 1024");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid console settings: " + problems);
    }
  }

  /** The embedded default's limits. */
  public static ConsoleSettings defaults(
      String adminToken,
      String warehouseUrl,
      String collectorUrl,
      String alertingUrl,
      String boardsDatabase) {
    return new ConsoleSettings(
        adminToken,
        warehouseUrl,
        "tenant_pulse",
        10_000,
        100_000,
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        4,
        2L << 30,
        32L << 20,
        collectorUrl,
        alertingUrl,
        boardsDatabase);
  }
}
