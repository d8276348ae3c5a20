package dev.tenantpulse.flink.metrics.usage;

import static dev.tenantpulse.flink.metrics.UtcTime.DAY_MS;
import static dev.tenantpulse.flink.metrics.UtcTime.HOUR_MS;

import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.RowTypes;
import dev.tenantpulse.flink.metrics.RowVersions;
import dev.tenantpulse.flink.metrics.UtcTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@code usage_daily_by_plan}, keyed by (day, meter) ({@link UsagePlanShare#dayAndMeter()}): keeps
 * every tenant's latest share of the day and meter, and writes each plan's row as the plain sum and
 * count of the shares on that plan, recomputed from the shares rather than adjusted by differences
 * (a plan change moving a large quantity away must not leave rounding residue behind).
 *
 * <p>When: the shares of a day come when the per-tenant operator closes it, all with timestamps
 * before the day's end; a timer at the day's end - 1 ms fires once the watermark (the minimum over
 * every upstream subtask) has passed it, so every tenant's share is in and each plan's row is
 * written once. A later share (a late usage event or plan change, within the lateness) marks its
 * plans dirty and asks for a timer one millisecond past the current watermark: the rows are written
 * again, with higher versions, at the next watermark advance, so a burst of late events costs one
 * pass over the day's tenants, not one per event. A plan every tenant left gets a row with {@code
 * tenants = 0} (the engine cannot delete the old one). State is dropped the lateness and a margin
 * after the day's end, as the per-tenant operator drops the day. A withdrawal (an erased tenant)
 * removes the tenant's share and writes its plan's row again without it.
 */
public final class UsageByPlanFunction
    extends KeyedProcessFunction<String, UsagePlanShare, UsageDayByPlanRow> {

  private static final long serialVersionUID = 1L;

  private final long latenessMs;
  private final long marginMs;
  private final EmitRange range;

  /** tenant -> its share. */
  private transient MapState<String, PlanShare> shares;

  /** plan -> version of its last row (plans with a row written). */
  private transient MapState<String, Long> versions;

  /** Plans whose row must be written at the next timer. */
  private transient MapState<String, Boolean> dirty;

  public UsageByPlanFunction(long latenessMs, long marginMs, EmitRange range) {
    this.latenessMs = latenessMs;
    this.marginMs = marginMs;
    this.range = range;
  }

  @Override
  public void open(OpenContext openContext) {
    var ctx = getRuntimeContext();
    shares =
        ctx.getMapState(
            new MapStateDescriptor<>(
                "usage-plan-shares", Types.STRING, RowTypes.of(PlanShare.class)));
    versions =
        ctx.getMapState(new MapStateDescriptor<>("usage-plan-versions", Types.STRING, Types.LONG));
    dirty =
        ctx.getMapState(new MapStateDescriptor<>("usage-plan-dirty", Types.STRING, Types.BOOLEAN));
  }

  @Override
  public void processElement(UsagePlanShare share, Context ctx, Collector<UsageDayByPlanRow> out)
      throws Exception {
    PlanShare previous = shares.get(share.tenantId());
    if (share.isWithdrawal()) {
      if (previous == null) {
        return;
      }
      shares.remove(share.tenantId());
    } else {
      shares.put(share.tenantId(), new PlanShare(share.plan(), share.quantity()));
      dirty.put(share.plan(), true);
    }
    if (previous != null && !previous.plan().equals(share.plan())) {
      dirty.put(previous.plan(), true);
    }
    long closeAt = share.dayStart() + DAY_MS - 1;
    long watermark = ctx.timerService().currentWatermark();
    ctx.timerService().registerEventTimeTimer(watermark >= closeAt ? watermark + 1 : closeAt);
    ctx.timerService().registerEventTimeTimer(cleanupAt(share.dayStart()));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<UsageDayByPlanRow> out)
      throws Exception {
    String key = ctx.getCurrentKey();
    int slash = key.indexOf('/');
    long dayStart = Long.parseLong(key.substring(0, slash));
    String meter = key.substring(slash + 1);
    if (!dirty.isEmpty()) {
      write(dayStart, meter, ctx.timerService().currentProcessingTime(), out);
    }
    if (timestamp >= cleanupAt(dayStart)) {
      shares.clear();
      versions.clear();
      dirty.clear();
    }
  }

  private void write(long dayStart, String meter, long now, Collector<UsageDayByPlanRow> out)
      throws Exception {
    Map<String, double[]> sums = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    List<String> plans = new ArrayList<>();
    dirty.keys().forEach(plans::add);
    for (String plan : plans) {
      sums.put(plan, new double[1]);
      counts.put(plan, 0L);
    }
    for (PlanShare s : shares.values()) {
      double[] sum = sums.get(s.plan());
      if (sum != null) {
        sum[0] += s.quantity();
        counts.merge(s.plan(), 1L, Long::sum);
      }
    }
    LocalDate day = UtcTime.day(dayStart);
    for (String plan : plans) {
      Long previous = versions.get(plan);
      long tenants = counts.get(plan);
      if (tenants == 0 && previous == null) {
        continue; // never written, nothing to replace
      }
      long version = RowVersions.next(previous == null ? RowVersions.NONE : previous, now);
      versions.put(plan, version);
      if (range.contains(dayStart)) {
        out.collect(
            new UsageDayByPlanRow(
                day,
                plan,
                meter,
                sums.get(plan)[0],
                tenants,
                Instant.ofEpochMilli(version),
                version));
      }
    }
    dirty.clear();
  }

  private long cleanupAt(long dayStart) {
    return UtcTime.floorHour(dayStart + DAY_MS + latenessMs + marginMs) + HOUR_MS;
  }
}
