package dev.tenantpulse.standalone.clickhouse;

/**
 * Limits of the HTTP interface.
 *
 * @param maxExecutionSeconds a query's time limit and the ceiling of {@code max_execution_time}
 * @param maxMemoryBytes a query's memory limit and the ceiling of {@code max_memory_usage}
 * @param maxConcurrentQueries queries running at once; more are refused with 503
 * @param maxQueryBytes the longest request body read (the query's text)
 * @param bufferBytes output held back before the first byte is sent, so an error within it gets its
 *     status
 * @param defaultDatabase the database of a query that names none
 */
public record ClickHouseHttpSettings(
    int maxExecutionSeconds,
    long maxMemoryBytes,
    int maxConcurrentQueries,
    int maxQueryBytes,
    int bufferBytes,
    String defaultDatabase) {

  public static ClickHouseHttpSettings defaults() {
    return new ClickHouseHttpSettings(300, 1L << 30, 8, 1 << 20, 1 << 20, "tenant_pulse");
  }
}
