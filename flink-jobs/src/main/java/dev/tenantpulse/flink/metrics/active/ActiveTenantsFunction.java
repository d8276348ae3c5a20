package dev.tenantpulse.flink.metrics.active;

import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.RowTypes;
import dev.tenantpulse.flink.metrics.TenantFact;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Cross-tenant active-tenant rows (parallelism 1, one constant key) over {@link ActiveHours}.
 *
 * <p>An event-time timer chain closes hours: the timer for window end H fires once the watermark
 * reaches H - 1 ms (every event before H is in), closes every hour the watermark has passed, and
 * registers the next one, so hours without any event still get rows. At the end of the input
 * (watermark MAX, also how BATCH mode fires timers) it stops at the last emitted hour, and a
 * bounded input never goes beyond it.
 *
 * <p>The aggregator lives on the heap and is checkpointed whole into operator state: it is small (a
 * day of tenant-hour sets, a week of counts, a timeline and counted ranges per tenant).
 */
public final class ActiveTenantsFunction
    extends KeyedProcessFunction<Integer, TenantFact, ActiveHourRow>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;

  /** The per-plan rows. */
  public static final OutputTag<ActiveHourByPlanRow> BY_PLAN =
      new OutputTag<>("active-by-plan", RowTypes.of(ActiveHourByPlanRow.class));

  private final List<String> plans;
  private final long latenessMs;
  private final long marginMs;
  private final boolean bounded;
  private final EmitRange range;

  private transient ActiveHours hours;
  private transient ListState<ActiveHours.Snapshot> checkpoint;
  private transient long timerAt;

  public ActiveTenantsFunction(
      List<String> plans, long latenessMs, long marginMs, boolean bounded, EmitRange range) {
    this.plans = List.copyOf(plans);
    this.latenessMs = latenessMs;
    this.marginMs = marginMs;
    this.bounded = bounded;
    this.range = range;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    checkpoint =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>("active-hours", RowTypes.of(ActiveHours.Snapshot.class)));
    hours = new ActiveHours(plans, latenessMs, marginMs, range);
    for (ActiveHours.Snapshot s : checkpoint.get()) {
      hours.restore(s);
    }
    timerAt = Long.MIN_VALUE;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    checkpoint.update(List.of(hours.snapshot()));
  }

  @Override
  public void open(OpenContext openContext) {}

  @Override
  public void processElement(TenantFact fact, Context ctx, Collector<ActiveHourRow> out) {
    ActiveHours.Output output = output(ctx, out);
    long now = ctx.timerService().currentProcessingTime();
    switch (fact.kind()) {
      case ACTIVE_HOUR -> hours.onActive(fact.tenantId(), fact.time(), now, output);
      case LIFECYCLE -> hours.onLifecycle(fact.tenantId(), fact.lifecycle(), now, output);
      case FORGET -> hours.forget(fact.tenantId(), now, output);
      default -> {
        // other facts are not this aggregator's
      }
    }
    scheduleNext(ctx);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ActiveHourRow> out) {
    long watermark = ctx.timerService().currentWatermark();
    boolean end = watermark == Long.MAX_VALUE;
    long limit = end || bounded ? hours.lastHour() : Long.MAX_VALUE;
    hours.closeUpTo(watermark, limit, ctx.timerService().currentProcessingTime(), output(ctx, out));
    timerAt = Long.MIN_VALUE;
    if (!end) {
      scheduleNext(ctx);
    }
  }

  private void scheduleNext(Context ctx) {
    long next = hours.nextToClose();
    if (next == Long.MAX_VALUE || (bounded && next > hours.lastHour())) {
      return;
    }
    if (timerAt != next - 1) {
      timerAt = next - 1;
      ctx.timerService().registerEventTimeTimer(timerAt);
    }
  }

  private static ActiveHours.Output output(Context ctx, Collector<ActiveHourRow> out) {
    return new ActiveHours.Output() {
      @Override
      public void overall(ActiveHourRow row) {
        out.collect(row);
      }

      @Override
      public void byPlan(ActiveHourByPlanRow row) {
        ctx.output(BY_PLAN, row);
      }
    };
  }
}
