package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.flink.metrics.onboarding.OnboardingProgress;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingTenantRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayRow;
import dev.tenantpulse.flink.metrics.usage.UsageDays;
import dev.tenantpulse.flink.metrics.usage.UsageHourRow;
import dev.tenantpulse.flink.metrics.usage.UsageHours;
import dev.tenantpulse.flink.metrics.usage.UsageKey;
import dev.tenantpulse.flink.metrics.usage.UsageMonthRow;
import dev.tenantpulse.flink.metrics.usage.UsagePlanShare;
import dev.tenantpulse.flink.metrics.usage.UsageSum;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.rejected.Rejections;
import dev.tenantpulse.flink.source.TenantErasure;
import dev.tenantpulse.flink.tenant.LifecycleEntry;
import dev.tenantpulse.flink.tenant.TenantRow;
import dev.tenantpulse.flink.tenant.TenantTimeline;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-tenant operator (keyed by tenant id, the job's parallelism): turns a tenant's events into
 * the rows that belong to the tenant alone ({@code tenants}, {@code usage_daily}, {@code
 * usage_hourly}, {@code usage_monthly}, {@code onboarding_tenants}, as side outputs) and into
 * compact {@link TenantFact}s for the cross-tenant aggregators (main output), and {@link
 * UsagePlanShare}s for {@code usage_daily_by_plan}: with each {@code usage_daily} row, and for each
 * closed day a late plan change moves to another plan.
 *
 * <p>Input: deduplicated events, timestamps and watermarks assigned, events beyond the lateness
 * removed. Events within the lateness may arrive behind the watermark: every row they change is
 * emitted again with a higher version.
 *
 * <p>Tenants' erasure notices ({@link #forget}, from {@link ErasureAwareTenantEvents}, which runs
 * this operator with the notices as a second input): the operator drops every state it holds of the
 * tenant, withdraws the tenant's shares of the days {@code usage_daily_by_plan} still holds, and
 * tells the aggregators to forget it ({@link TenantFact.Kind#FORGET}), so no row written afterwards
 * counts it. Events of the tenant that come after the notice count again, as a new tenant's.
 *
 * <p>An event it cannot count (a fault of the event's values, {@link Rejections#isRecordFault}: a
 * usage sum beyond the double range, say) is a dead letter of stage {@code metrics} on {@link
 * Rejections#TAG}, not a failure of the job. Checks that can refuse an event run before it changes
 * any state; a fault found later leaves what the event had already changed.
 */
public final class TenantEventsFunction
    extends KeyedProcessFunction<String, TenantEvent, TenantFact> {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(TenantEventsFunction.class);

  public static final OutputTag<TenantRow> TENANTS =
      new OutputTag<>("tenants", RowTypes.of(TenantRow.class));
  public static final OutputTag<UsageDayRow> USAGE =
      new OutputTag<>("usage-daily", RowTypes.of(UsageDayRow.class));
  public static final OutputTag<UsageHourRow> USAGE_HOURLY =
      new OutputTag<>("usage-hourly", RowTypes.of(UsageHourRow.class));
  public static final OutputTag<UsageMonthRow> USAGE_MONTHLY =
      new OutputTag<>("usage-monthly", RowTypes.of(UsageMonthRow.class));
  public static final OutputTag<UsagePlanShare> USAGE_SHARES =
      new OutputTag<>("usage-plan-shares", RowTypes.of(UsagePlanShare.class));
  public static final OutputTag<OnboardingTenantRow> ONBOARDING =
      new OutputTag<>("onboarding-tenants", RowTypes.of(OnboardingTenantRow.class));

  private final CatalogView catalog;
  private final EmitRange range;
  private final UsageDays usage;
  private final UsageHours usageHours;

  private final int stateCacheEntries;

  private transient TenantStateCache cache;
  private transient TenantStateCache.CachedValue<ActivityMarks> activity;
  private transient TenantStateCache.CachedMap<String, Long> featureDays;
  private transient ListState<LifecycleEntry> lifecycle;
  private transient TenantStateCache.CachedValue<Long> tenantRowVersion;
  private transient ValueState<OnboardingProgress> onboarding;
  private transient Counter forgotten;

  public TenantEventsFunction(
      CatalogView catalog, long latenessMs, long marginMs, EmitRange range) {
    this(catalog, latenessMs, marginMs, range, TenantStateCache.DEFAULT_CAPACITY);
  }

  /**
   * @param stateCacheEntries entries of each state's heap copy ({@link TenantStateCache}), 0 for
   *     none
   */
  public TenantEventsFunction(
      CatalogView catalog, long latenessMs, long marginMs, EmitRange range, int stateCacheEntries) {
    this.catalog = catalog;
    this.range = range;
    this.stateCacheEntries = stateCacheEntries;
    this.usage = new UsageDays(latenessMs, marginMs, range);
    this.usageHours = new UsageHours(latenessMs, marginMs, range);
  }

  @Override
  public void open(OpenContext openContext) {
    var ctx = getRuntimeContext();
    cache = new TenantStateCache(stateCacheEntries);
    cache.register(ctx.getMetricGroup());
    activity =
        cache.of(
            ctx.getState(
                new ValueStateDescriptor<>("activity-marks", RowTypes.of(ActivityMarks.class))));
    featureDays =
        cache.of(
            ctx.getMapState(new MapStateDescriptor<>("feature-days", Types.STRING, Types.LONG)));
    lifecycle =
        ctx.getListState(new ListStateDescriptor<>("lifecycle", RowTypes.of(LifecycleEntry.class)));
    tenantRowVersion =
        cache.of(ctx.getState(new ValueStateDescriptor<>("tenant-row-version", Types.LONG)));
    onboarding =
        ctx.getState(
            new ValueStateDescriptor<>("onboarding", RowTypes.of(OnboardingProgress.class)));
    usage.open(ctx, cache);
    usageHours.open(ctx, cache);
    forgotten = ctx.getMetricGroup().counter("erasedTenantsForgotten");
  }

  /**
   * The heap copy of this operator's state, write-through unless the operator running this function
   * turns write-back on ({@link TenantStateOperator}); available once opened.
   */
  TenantStateCache stateCache() {
    return cache;
  }

  @Override
  public void processElement(TenantEvent event, Context ctx, Collector<TenantFact> out)
      throws Exception {
    cache.enter(ctx.getCurrentKey());
    try {
      count(event, ctx, out);
    } catch (RuntimeException e) {
      // A failure of a chained operator downstream arrives wrapped by Flink, so it is never taken
      // for this event's.
      Rejections.refuse(RejectedRecord.METRICS, e, event, now(ctx), ctx::output);
    }
  }

  private void count(TenantEvent event, Context ctx, Collector<TenantFact> out) throws Exception {
    String tenant = ctx.getCurrentKey();
    long ts = event.timestamp().toEpochMilli();
    EventType type = event.type();
    if (type == EventType.USAGE) {
      // First: it refuses a quantity its day's sum cannot take before anything else changed.
      usage.add(
          tenant,
          ts,
          event.meter(),
          event.quantity(),
          ctx.timerService(),
          usageOutputs(tenant, ctx));
      usageHours.add(
          tenant,
          ts,
          event.meter(),
          event.quantity(),
          ctx.timerService(),
          r -> ctx.output(USAGE_HOURLY, r));
    }
    if (type.isActivity() && !onActivity(tenant, ts, out) && tenantRowVersion.value() == null) {
      // The first event of a tenant without lifecycle events: it still gets a tenants row. Only
      // a tenant without activity marks can lack one (the row is written with its first marks),
      // so most events skip this read; lifecycle events write the row anyway.
      emitTenantRow(tenant, TenantTimeline.empty(), ctx);
    }
    switch (type) {
      case FEATURE_USED -> onFeature(tenant, ts, event.feature(), out);
      case ONBOARDING_STEP ->
          onOnboarding(tenant, onboardingState().withStep(event.step(), ts), ctx, out);
      case TENANT_SIGNED_UP, PLAN_CHANGED, TENANT_CHURNED -> onLifecycle(tenant, event, ctx, out);
      default -> {
        // activity and usage: the active-hour fact (and the usage sum) above are all
      }
    }
    if (type == EventType.TENANT_SIGNED_UP) {
      onOnboarding(tenant, onboardingState().withSignup(ts, event.plan()), ctx, out);
    }
  }

  /**
   * An erased tenant (the current key): forget everything of it here and in the aggregators. Called
   * by {@link ErasureAwareTenantEvents}, which reads the notices beside the events.
   */
  public void forget(TenantErasure erasure, Context ctx, Collector<TenantFact> out)
      throws Exception {
    String tenant = ctx.getCurrentKey();
    cache.enter(tenant);
    for (UsageKey day : usage.days()) {
      ctx.output(USAGE_SHARES, UsagePlanShare.withdrawn(day.dayStart(), day.meter(), tenant));
    }
    usage.clear();
    usageHours.clear();
    activity.clear();
    featureDays.clear();
    lifecycle.clear();
    tenantRowVersion.clear();
    onboarding.clear();
    // Its pending timers stay: they find no sums and write nothing.
    out.collect(TenantFact.forget(tenant, erasure.erasedAt()));
    forgotten.inc();
    log.info(
        "forgot erased tenant {} (notice at partition {} offset {})",
        tenant,
        erasure.partition(),
        erasure.offset());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TenantFact> out)
      throws Exception {
    String tenant = ctx.getCurrentKey();
    cache.enter(tenant);
    usage.onTimer(tenant, timestamp, ctx.timerService(), usageOutputs(tenant, ctx));
    // Not else: the last hour of a day closes on the day's close timer.
    usageHours.onTimer(tenant, timestamp, ctx.timerService(), r -> ctx.output(USAGE_HOURLY, r));
  }

  /** Each day row also goes to the by-plan aggregator, with the tenant's plan at the day's end. */
  private UsageDays.Outputs usageOutputs(String tenant, Context ctx) {
    return new UsageDays.Outputs(
        r -> {
          ctx.output(USAGE, r);
          long dayStart = UtcTime.dayStart(r.day());
          ctx.output(
              USAGE_SHARES,
              new UsagePlanShare(
                  dayStart, r.meter(), tenant, planAt(dayStart + UtcTime.DAY_MS), r.quantity()));
        },
        r -> ctx.output(USAGE_MONTHLY, r));
  }

  private String planAt(long t) {
    try {
      return TenantTimeline.of(lifecycle.get()).planAt(t);
    } catch (Exception e) {
      throw new IllegalStateException("reading the lifecycle state failed", e);
    }
  }

  /** Returns whether the tenant had activity marks already (and so its tenants row). */
  private boolean onActivity(String tenant, long ts, Collector<TenantFact> out) throws Exception {
    long hour = UtcTime.floorHour(ts);
    ActivityMarks marks = activity.value();
    boolean marked = marks != null;
    marks = marked ? marks : ActivityMarks.NONE;
    if (!marks.contains(hour)) {
      out.collect(TenantFact.activeHour(tenant, hour));
      activity.update(marks.with(hour));
    }
    return marked;
  }

  private void onFeature(String tenant, long ts, String feature, Collector<TenantFact> out)
      throws Exception {
    long day = UtcTime.floorDay(ts);
    Long last = featureDays.get(feature);
    if (last == null || last != day) {
      out.collect(TenantFact.featureDay(tenant, day, feature));
      if (last == null || day > last) {
        featureDays.put(feature, day);
      }
    }
  }

  private void onLifecycle(String tenant, TenantEvent event, Context ctx, Collector<TenantFact> out)
      throws Exception {
    LifecycleEntry entry = LifecycleEntry.of(event);
    TenantTimeline before = TenantTimeline.of(lifecycle.get());
    lifecycle.add(entry);
    out.collect(TenantFact.lifecycle(tenant, entry));
    TenantTimeline after = TenantTimeline.of(lifecycle.get());
    emitTenantRow(tenant, after, ctx);
    if (entry.setsPlan()) {
      movePlanOfClosedDays(tenant, entry.timestamp(), before, after, ctx);
    }
  }

  /**
   * A signup or plan change behind the watermark can change the plan at the end of a day already
   * closed: that day's usage moves to the new plan (a share for each of its meters).
   */
  private void movePlanOfClosedDays(
      String tenant, long ts, TenantTimeline before, TenantTimeline after, Context ctx)
      throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    for (Map.Entry<UsageKey, UsageSum> day : usage.closedDaysEndingAfter(ts, watermark)) {
      long dayStart = day.getKey().dayStart();
      long dayEnd = dayStart + UtcTime.DAY_MS;
      String plan = after.planAt(dayEnd);
      if (range.contains(dayStart) && !plan.equals(before.planAt(dayEnd))) {
        ctx.output(
            USAGE_SHARES,
            new UsagePlanShare(
                dayStart, day.getKey().meter(), tenant, plan, day.getValue().quantity()));
      }
    }
  }

  private void emitTenantRow(String tenant, TenantTimeline timeline, Context ctx) throws Exception {
    Long previous = tenantRowVersion.value();
    long version = RowVersions.next(previous == null ? RowVersions.NONE : previous, now(ctx));
    tenantRowVersion.update(version);
    if (range.isAll()) {
      // A recompute sees only part of a tenant's history: it leaves the tenants table alone.
      ctx.output(TENANTS, timeline.currentRow(tenant, version));
    }
  }

  private OnboardingProgress onboardingState() throws Exception {
    OnboardingProgress progress = onboarding.value();
    return progress == null ? OnboardingProgress.empty() : progress;
  }

  private void onOnboarding(
      String tenant, OnboardingProgress updated, Context ctx, Collector<TenantFact> out)
      throws Exception {
    OnboardingProgress previous = onboardingState();
    if (updated.equals(previous)) {
      return;
    }
    if (!updated.hasSignup()) {
      onboarding.update(updated);
      return;
    }
    long version = RowVersions.next(previous.version(), now(ctx));
    updated = updated.withVersion(version);
    onboarding.update(updated);
    if (range.contains(updated.signedUpAt())) {
      ctx.output(
          ONBOARDING, updated.row(tenant, catalog.completionStep(), catalog.valueStep(), version));
    }
    out.collect(
        TenantFact.onboarding(
            tenant, updated.status(catalog.completionStep(), catalog.valueStep())));
  }

  private static long now(Context ctx) {
    return ctx.timerService().currentProcessingTime();
  }
}
