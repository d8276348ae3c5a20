package dev.tenantpulse.flink.metrics.usage;

import static dev.tenantpulse.flink.metrics.UtcTime.DAY_MS;
import static dev.tenantpulse.flink.metrics.UtcTime.HOUR_MS;

import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.RowVersions;
import dev.tenantpulse.flink.metrics.TenantStateCache;
import dev.tenantpulse.flink.metrics.UtcTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.TimerService;

/**
 * Daily usage sums of one tenant (keyed state of the per-tenant operator).
 *
 * <p>A day's rows are emitted when event time passes the day's end (a timer at end - 1 ms); a usage
 * event within the lateness for a day already closed updates the sum and emits that row again at
 * once, with a higher version. A second timer, the lateness and a margin after the day's end
 * (rounded to a whole hour so it never collides with a close timer), drops the day's sums.
 *
 * <p>What each day row carries also goes to the month ({@link UsageMonths}): the day's whole sum
 * when it closes, each late quantity after that.
 */
public final class UsageDays implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final long latenessMs;
  private final long marginMs;
  private final EmitRange range;
  private final UsageMonths months;
  private transient IndexedSums<UsageKey> sums;

  public UsageDays(long latenessMs, long marginMs, EmitRange range) {
    this.latenessMs = latenessMs;
    this.marginMs = marginMs;
    this.range = range;
    this.months = new UsageMonths(latenessMs, marginMs, range);
  }

  /** Where the rows go: {@code usage_daily} and {@code usage_monthly}. */
  public record Outputs(Consumer<UsageDayRow> days, Consumer<UsageMonthRow> months) {}

  public void open(RuntimeContext context, TenantStateCache cache) {
    sums = IndexedSums.open(context, "usage-sums", UsageKey.class, cache);
    months.open(context, cache);
  }

  /**
   * Adds a usage event of the current tenant.
   *
   * @throws ArithmeticException before changing anything, when the day's sum would leave the double
   *     range: one huge quantity must not turn the tenant's billed usage into infinity
   */
  public void add(
      String tenantId,
      long timestamp,
      String meter,
      double quantity,
      TimerService timers,
      Outputs out)
      throws Exception {
    long dayStart = UtcTime.floorDay(timestamp);
    long closeAt = dayStart + DAY_MS - 1;
    boolean closed = timers.currentWatermark() >= closeAt;
    UsageKey key = new UsageKey(dayStart, meter);
    UsageSum previous = sums.get(key);
    boolean first = previous == null;
    UsageSum sum = first ? new UsageSum(quantity, RowVersions.NONE) : previous.plus(quantity);
    if (!Double.isFinite(sum.quantity())) {
      throw new ArithmeticException(
          "usage of meter "
              + meter
              + " on "
              + UtcTime.day(dayStart)
              + " would exceed the double range: "
              + quantity
              + " added to a sum of "
              + (first ? 0.0 : previous.quantity()));
    }
    if (closed) {
      sum = emit(tenantId, key, sum, timers.currentProcessingTime(), out.days());
      months.add(tenantId, dayStart, meter, quantity, timers, out.months());
    } else if (first) {
      timers.registerEventTimeTimer(closeAt);
    }
    sums.put(key, sum, first);
    if (first) {
      timers.registerEventTimeTimer(cleanupAt(dayStart));
      months.registerCleanup(dayStart, timers);
    }
  }

  /** Handles a timer of this helper; false when the timer is not one of its. */
  public boolean onTimer(String tenantId, long timestamp, TimerService timers, Outputs out)
      throws Exception {
    if ((timestamp + 1) % DAY_MS == 0) {
      long dayStart = timestamp + 1 - DAY_MS;
      long now = timers.currentProcessingTime();
      for (Map.Entry<UsageKey, UsageSum> e : entriesOf(dayStart)) {
        UsageKey key = e.getKey();
        sums.put(key, emit(tenantId, key, e.getValue(), now, out.days()), false);
        months.add(tenantId, dayStart, key.meter(), e.getValue().quantity(), timers, out.months());
      }
      return true;
    }
    if (timestamp % HOUR_MS == 0) {
      sums.removeIf(key -> cleanupAt(key.dayStart()) <= timestamp);
      months.cleanup(timestamp);
      return true;
    }
    return false;
  }

  /**
   * The sums of the days already closed at {@code watermark} that end after {@code after}: the days
   * whose plan (at the day's end) a lifecycle event at {@code after} may change.
   */
  public List<Map.Entry<UsageKey, UsageSum>> closedDaysEndingAfter(long after, long watermark)
      throws Exception {
    List<Map.Entry<UsageKey, UsageSum>> days = new ArrayList<>();
    for (UsageKey key : sums.keys()) {
      long dayEnd = key.dayStart() + DAY_MS;
      if (dayEnd > after && dayEnd - 1 <= watermark) {
        days.add(Map.entry(key, sums.get(key)));
      }
    }
    return days;
  }

  /** The (day, meter) sums held of the current tenant. */
  public List<UsageKey> days() throws Exception {
    return List.copyOf(sums.keys());
  }

  /** Drops every day and month sum of the current tenant (it was erased). */
  public void clear() {
    sums.clear();
    months.clear();
  }

  private List<Map.Entry<UsageKey, UsageSum>> entriesOf(long dayStart) throws Exception {
    List<Map.Entry<UsageKey, UsageSum>> day = new ArrayList<>();
    for (UsageKey key : sums.keys()) {
      if (key.dayStart() == dayStart) {
        day.add(Map.entry(key, sums.get(key)));
      }
    }
    return day;
  }

  private long cleanupAt(long dayStart) {
    return UtcTime.floorHour(dayStart + DAY_MS + latenessMs + marginMs) + HOUR_MS;
  }

  private UsageSum emit(
      String tenantId, UsageKey key, UsageSum sum, long now, Consumer<UsageDayRow> out) {
    long version = RowVersions.next(sum.version(), now);
    if (range.contains(key.dayStart())) {
      out.accept(
          new UsageDayRow(
              UtcTime.day(key.dayStart()),
              tenantId,
              key.meter(),
              sum.quantity(),
              Instant.ofEpochMilli(version),
              version));
    }
    return sum.emittedAs(version);
  }
}
