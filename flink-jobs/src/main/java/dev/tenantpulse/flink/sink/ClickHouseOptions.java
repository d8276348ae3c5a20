package dev.tenantpulse.flink.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the sink writes.
 *
 * @param url a plain JDBC URL: {@code jdbc:clickhouse://host:8123} (official driver) or {@code
 *     jdbc:chdb:<data directory>} (the embedded engine of the one-process runtime)
 * @param database the database holding the tables ({@code tenant_pulse})
 * @param batchSize a table's buffered rows are inserted once this many are waiting
 * @param flushInterval ... or once the oldest has waited this long (and always on a checkpoint)
 * @param maxRetries attempts after a failed insert before the task fails (and restarts from its
 *     last checkpoint)
 * @param retryBackoff wait before the first retry; doubles on each further one
 * @param maxRefusedRows rows of one batch the table may refuse (each set aside in {@code
 *     rejected_events}) before the refusal is taken for the table's fault and the task fails
 */
public record ClickHouseOptions(
    String url,
    String user,
    String password,
    String database,
    int batchSize,
    Duration flushInterval,
    int maxRetries,
    Duration retryBackoff,
    int maxRefusedRows)
    implements Serializable {

  public static final String DEFAULT_DATABASE = "tenant_pulse";
  public static final int DEFAULT_BATCH_SIZE = 50_000;
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_RETRIES = 5;
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);
  public static final int DEFAULT_MAX_REFUSED_ROWS = 100;

  public ClickHouseOptions {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(flushInterval, "flushInterval");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a database name: '" + database + "'");
    }
  }

  /** Defaults for everything but the URL. */
  public static ClickHouseOptions of(String url, String database) {
    return new ClickHouseOptions(
        url,
        null,
        null,
        database,
        DEFAULT_BATCH_SIZE,
        DEFAULT_FLUSH_INTERVAL,
        DEFAULT_MAX_RETRIES,
        DEFAULT_RETRY_BACKOFF,
        DEFAULT_MAX_REFUSED_ROWS);
  }

  public ClickHouseOptions withBatching(int batchSize, Duration flushInterval) {
    return new ClickHouseOptions(
        url,
        user,
        password,
        database,
        batchSize,
        flushInterval,
        maxRetries,
        retryBackoff,
        maxRefusedRows);
  }

  public ClickHouseOptions withRetries(int maxRetries, Duration retryBackoff) {
    return new ClickHouseOptions(
        url,
        user,
        password,
        database,
        batchSize,
        flushInterval,
        maxRetries,
        retryBackoff,
        maxRefusedRows);
  }

  public ClickHouseOptions withMaxRefusedRows(int maxRefusedRows) {
    return new ClickHouseOptions(
        url,
        user,
        password,
        database,
        batchSize,
        flushInterval,
        maxRetries,
        retryBackoff,
        maxRefusedRows);
  }

  /** {@code database.table}. */
  public String qualified(String table) {
    return database + "." + table;
  }

  @Override
  public String toString() {
    return "ClickHouseOptions[url="
        + url
        + ", user="
        + user
        + ", password="
        + (password == null || password.isEmpty() ? "(none)" : "***")
        + ", database="
        + database
        + ", batchSize="
        + batchSize
        + ", flushInterval="
        + flushInterval
        + ", maxRetries="
        + maxRetries
        + ", retryBackoff="
        + retryBackoff
        + ", maxRefusedRows="
        + maxRefusedRows
        + "]";
  }
}
