package dev.tenantpulse.flink.recompute;

import dev.tenantpulse.flink.sink.ClickHouseOptions;
import dev.tenantpulse.flink.sink.JdbcConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of a recomputed range that the recompute did not write, in the cross-tenant tables: rows
 * no stored event supports any more (a plan and meter, a feature seen or a cohort week only an
 * erased tenant had; hours before the first stored event), which a ReplacingMergeTree keeps because
 * nothing replaces them. Deleted after the batch job, so the range holds what a recompute on an
 * empty database would write.
 *
 * <p>"Not written" is "version below the run's start": a recompute's rows carry their computation
 * time, the stream's older rows earlier times. {@link #MARGIN_MS} below the start, so a worker
 * whose clock is a little behind the client's cannot lose rows it just wrote; a row the stream
 * wrote in that last second before the run keeps its place (it counts the events the run reads).
 * Rows the stream wrote after the start stay, as its re-emits always do.
 *
 * <p>Only up to what the batch writes: a bounded input closes hours up to the hour of the last
 * stored event, adoption days up to the last day that hour ends, usage days up to the last event's
 * day. Rows past that (hours the stream closed while the topic was silent) are the stream's alone
 * and stay. Per-tenant tables are not touched: their rows are the tenant's own (an erasure deletes
 * them).
 */
final class LeftoverRows {

  static final long MARGIN_MS = 1_000;

  private static final long HOUR_S = 3_600;
  private static final long DAY_S = 86_400;

  /** A table, its period column as epoch seconds, and the last period a bounded run writes. */
  private record Table(String name, String periodSeconds, long lastPeriod) {}

  private final ClickHouseOptions options;
  private final long fromS;
  private final long toS;
  private final long startMs;
  private final List<Table> tables;

  private LeftoverRows(
      ClickHouseOptions options, long fromS, long toS, long startMs, long lastEventMs) {
    this.options = options;
    this.fromS = fromS;
    this.toS = toS;
    this.startMs = startMs;
    long lastHour = Math.floorDiv(lastEventMs / 1000, HOUR_S) * HOUR_S;
    long lastHourEnd = lastHour + HOUR_S;
    long lastAdoptionDay = Math.floorDiv(lastHourEnd, DAY_S) * DAY_S - DAY_S;
    long lastDay = Math.floorDiv(lastEventMs / 1000, DAY_S) * DAY_S;
    String day = "toUnixTimestamp(toDateTime(%s, 'UTC'))";
    this.tables =
        List.of(
            new Table("active_tenants_hourly", "toUnixTimestamp(window_end)", lastHourEnd),
            new Table("active_tenants_hourly_by_plan", "toUnixTimestamp(window_end)", lastHourEnd),
            new Table("feature_adoption_daily", day.formatted("day"), lastAdoptionDay),
            new Table("usage_daily_by_plan", day.formatted("day"), lastDay),
            new Table("onboarding_cohorts", day.formatted("cohort_week"), lastEventMs / 1000));
  }

  /**
   * Notes the run's start and the last stored event, before the batch job reads the events (an
   * event stored during the run only widens what the run writes); empty when nothing is stored.
   */
  static Optional<LeftoverRows> before(
      ClickHouseOptions options, StoredEventsQuery events, Instant from, Instant to, long nowMs)
      throws SQLException {
    return events
        .eventTimeRange()
        .map(
            range ->
                new LeftoverRows(
                    options, from.getEpochSecond(), to.getEpochSecond(), nowMs, range[1]));
  }

  /** Deletes them, waiting for each mutation; answers the rows deleted per table. */
  Map<String, Long> delete() throws SQLException {
    Map<String, Long> deleted = new LinkedHashMap<>();
    try (Connection c = JdbcConnections.open(options.url(), options.user(), options.password());
        Statement s = c.createStatement()) {
      for (Table table : tables) {
        // Numbers only: nothing here comes from a request as text.
        String where =
            "%1$s >= %2$d AND %1$s < %3$d AND %1$s <= %4$d AND version < %5$d"
                .formatted(
                    table.periodSeconds(), fromS, toS, table.lastPeriod(), startMs - MARGIN_MS);
        long rows;
        try (var rs =
            s.executeQuery(
                "SELECT count() FROM " + options.qualified(table.name()) + " WHERE " + where)) {
          rs.next();
          rows = rs.getLong(1);
        }
        if (rows > 0) {
          s.execute(
              "ALTER TABLE "
                  + options.qualified(table.name())
                  + " DELETE WHERE "
                  + where
                  + " SETTINGS mutations_sync = 2");
        }
        deleted.put(table.name(), rows);
      }
    }
    return deleted;
  }
}
