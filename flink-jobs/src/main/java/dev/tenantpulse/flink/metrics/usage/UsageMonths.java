package dev.tenantpulse.flink.metrics.usage;

import static dev.tenantpulse.flink.metrics.UtcTime.DAY_MS;
import static dev.tenantpulse.flink.metrics.UtcTime.HOUR_MS;

import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.RowVersions;
import dev.tenantpulse.flink.metrics.TenantStateCache;
import dev.tenantpulse.flink.metrics.UtcTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.TimerService;

/**
 * Monthly usage sums of one tenant (keyed state of the per-tenant operator), fed by {@link
 * UsageDays}: only what a day row has already carried counts, so a month's row is always the sum of
 * the month's {@code usage_daily} rows written so far (a day's whole sum when it closes, then each
 * late quantity it takes). Every change emits the month's row at once with a higher version.
 *
 * <p>A month's sum is dropped the lateness and a margin after the month's end (a whole hour, like
 * the daily cleanup, so one hourly cleanup timer serves both).
 */
final class UsageMonths implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final long latenessMs;
  private final long marginMs;
  private final EmitRange range;
  private transient IndexedSums<UsageKey> sums;

  UsageMonths(long latenessMs, long marginMs, EmitRange range) {
    this.latenessMs = latenessMs;
    this.marginMs = marginMs;
    this.range = range;
  }

  void open(RuntimeContext context, TenantStateCache cache) {
    sums = IndexedSums.open(context, "usage-month-sums", UsageKey.class, cache);
  }

  /**
   * Adds {@code quantity}, just written to the {@code usage_daily} row of the day starting at
   * {@code dayStart}, to its month and emits the month's row.
   */
  void add(
      String tenantId,
      long dayStart,
      String meter,
      double quantity,
      TimerService timers,
      Consumer<UsageMonthRow> out)
      throws Exception {
    long monthStart = monthStart(dayStart);
    UsageKey key = new UsageKey(monthStart, meter);
    UsageSum previous = sums.get(key);
    UsageSum sum =
        previous == null ? new UsageSum(quantity, RowVersions.NONE) : previous.plus(quantity);
    long version = RowVersions.next(sum.version(), timers.currentProcessingTime());
    if (range.contains(monthStart)) {
      out.accept(
          new UsageMonthRow(
              UtcTime.day(monthStart),
              tenantId,
              meter,
              sum.quantity(),
              Instant.ofEpochMilli(version),
              version));
    }
    sums.put(key, sum.emittedAs(version), previous == null);
  }

  /**
   * Asks for the cleanup timer of the month holding {@code dayStart}. Called when a day gets its
   * first event (in processElement: a BATCH job ignores timers registered while its timers fire).
   */
  void registerCleanup(long dayStart, TimerService timers) {
    timers.registerEventTimeTimer(cleanupAt(monthStart(dayStart)));
  }

  /** Drops the months whose cleanup time is at or before {@code timestamp}. */
  void cleanup(long timestamp) throws Exception {
    sums.removeIf(key -> cleanupAt(key.dayStart()) <= timestamp);
  }

  /** Drops every month sum of the current tenant. */
  void clear() {
    sums.clear();
  }

  static long monthStart(long dayStart) {
    return UtcTime.dayStart(UtcTime.day(dayStart).withDayOfMonth(1));
  }

  private long cleanupAt(long monthStart) {
    LocalDate next = UtcTime.day(monthStart).plusMonths(1);
    long monthEnd = next.toEpochDay() * DAY_MS;
    return UtcTime.floorHour(monthEnd + latenessMs + marginMs) + HOUR_MS;
  }
}
