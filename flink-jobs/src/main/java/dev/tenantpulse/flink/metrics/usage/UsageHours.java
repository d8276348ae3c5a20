package dev.tenantpulse.flink.metrics.usage;

import static dev.tenantpulse.flink.metrics.UtcTime.HOUR_MS;

import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.RowVersions;
import dev.tenantpulse.flink.metrics.TenantStateCache;
import dev.tenantpulse.flink.metrics.UtcTime;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.TimerService;

/**
 * Hourly usage sums of one tenant (keyed state of the per-tenant operator), for {@code
 * usage_hourly}: the same definition as {@link UsageDays}, per UTC hour.
 *
 * <p>An hour's rows are emitted when event time passes the hour's end (a timer at end - 1 ms, which
 * for the last hour of a day is also {@link UsageDays}' close timer: the operator hands every timer
 * to both, and each acts on its own keys). A usage event within the lateness for an hour already
 * closed updates the sum and emits that row again at once, with a higher version. The sums are
 * dropped on the first whole hour after the hour's end plus the lateness and a margin (a timer on a
 * whole hour, which UsageDays' cleanup timers are too; each acts on its own keys only).
 */
public final class UsageHours implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final long latenessMs;
  private final long marginMs;
  private final EmitRange range;
  private transient IndexedSums<UsageHourKey> sums;

  public UsageHours(long latenessMs, long marginMs, EmitRange range) {
    this.latenessMs = latenessMs;
    this.marginMs = marginMs;
    this.range = range;
  }

  public void open(RuntimeContext context, TenantStateCache cache) {
    sums = IndexedSums.open(context, "usage-hour-sums", UsageHourKey.class, cache);
  }

  /**
   * Adds a usage event of the current tenant. Called after {@link UsageDays#add}, which has already
   * refused a quantity no sum can take: an hour's sum is never above its day's.
   */
  public void add(
      String tenantId,
      long timestamp,
      String meter,
      double quantity,
      TimerService timers,
      Consumer<UsageHourRow> out)
      throws Exception {
    long hourStart = UtcTime.floorHour(timestamp);
    long closeAt = hourStart + HOUR_MS - 1;
    UsageHourKey key = new UsageHourKey(hourStart, meter);
    UsageSum previous = sums.get(key);
    boolean first = previous == null;
    UsageSum sum = first ? new UsageSum(quantity, RowVersions.NONE) : previous.plus(quantity);
    if (timers.currentWatermark() >= closeAt) {
      sum = emit(tenantId, key, sum, timers.currentProcessingTime(), out);
    } else if (first) {
      timers.registerEventTimeTimer(closeAt);
    }
    sums.put(key, sum, first);
    if (first) {
      timers.registerEventTimeTimer(cleanupAt(hourStart));
    }
  }

  /** Acts on a timer if it closes or cleans up hours of this helper; other timers are ignored. */
  public void onTimer(
      String tenantId, long timestamp, TimerService timers, Consumer<UsageHourRow> out)
      throws Exception {
    if ((timestamp + 1) % HOUR_MS == 0) {
      long hourStart = timestamp + 1 - HOUR_MS;
      long now = timers.currentProcessingTime();
      for (UsageHourKey key : sums.keys()) {
        if (key.hourStart() == hourStart) {
          sums.put(key, emit(tenantId, key, sums.get(key), now, out), false);
        }
      }
    } else if (timestamp % HOUR_MS == 0) {
      sums.removeIf(key -> cleanupAt(key.hourStart()) <= timestamp);
    }
  }

  /** Drops every hour sum of the current tenant (it was erased). */
  public void clear() {
    sums.clear();
  }

  private long cleanupAt(long hourStart) {
    return UtcTime.floorHour(hourStart + HOUR_MS + latenessMs + marginMs) + HOUR_MS;
  }

  private UsageSum emit(
      String tenantId, UsageHourKey key, UsageSum sum, long now, Consumer<UsageHourRow> out) {
    long version = RowVersions.next(sum.version(), now);
    if (range.contains(key.hourStart())) {
      out.accept(
          new UsageHourRow(
              Instant.ofEpochMilli(key.hourStart()),
              tenantId,
              key.meter(),
              sum.quantity(),
              Instant.ofEpochMilli(version),
              version));
    }
    return sum.emittedAs(version);
  }
}
