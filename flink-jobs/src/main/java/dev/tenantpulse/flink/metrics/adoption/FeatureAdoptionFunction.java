package dev.tenantpulse.flink.metrics.adoption;

import static dev.tenantpulse.flink.metrics.UtcTime.DAY_MS;

import dev.tenantpulse.flink.metrics.CatalogView;
import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.RowTypes;
import dev.tenantpulse.flink.metrics.TenantFact;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Cross-tenant feature adoption rows (parallelism 1, one constant key) over {@link
 * FeatureAdoption}: a timer chain closes each day once the watermark reaches its end - 1 ms; at the
 * end of the input (watermark MAX, BATCH mode) it stops at the last day a bounded input has. The
 * aggregator is checkpointed whole into operator state.
 */
public final class FeatureAdoptionFunction
    extends KeyedProcessFunction<Integer, TenantFact, FeatureAdoptionRow>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;

  private final CatalogView catalog;
  private final long latenessMs;
  private final long marginMs;
  private final boolean bounded;
  private final EmitRange range;

  private transient FeatureAdoption adoption;
  private transient ListState<FeatureAdoption.Snapshot> checkpoint;
  private transient long timerAt;

  public FeatureAdoptionFunction(
      CatalogView catalog, long latenessMs, long marginMs, boolean bounded, EmitRange range) {
    this.catalog = catalog;
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
                new ListStateDescriptor<>(
                    "feature-adoption", RowTypes.of(FeatureAdoption.Snapshot.class)));
    adoption = new FeatureAdoption(catalog, latenessMs, marginMs, range);
    for (FeatureAdoption.Snapshot s : checkpoint.get()) {
      adoption.restore(s);
    }
    timerAt = Long.MIN_VALUE;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    checkpoint.update(List.of(adoption.snapshot()));
  }

  @Override
  public void processElement(TenantFact fact, Context ctx, Collector<FeatureAdoptionRow> out) {
    long now = ctx.timerService().currentProcessingTime();
    Consumer<FeatureAdoptionRow> rows = out::collect;
    switch (fact.kind()) {
      case ACTIVE_HOUR -> adoption.onActiveHour(fact.time(), now, rows);
      case FEATURE_DAY ->
          adoption.onFeatureDay(fact.tenantId(), fact.time(), fact.feature(), now, rows);
      case LIFECYCLE -> adoption.onLifecycle(fact.tenantId(), fact.lifecycle(), now, rows);
      case FORGET -> adoption.forget(fact.tenantId(), now, rows);
      default -> {
        // other facts are not this aggregator's
      }
    }
    scheduleNext(ctx);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeatureAdoptionRow> out) {
    long watermark = ctx.timerService().currentWatermark();
    boolean end = watermark == Long.MAX_VALUE;
    long limit = end || bounded ? adoption.lastDay() : Long.MAX_VALUE;
    adoption.closeUpTo(watermark, limit, ctx.timerService().currentProcessingTime(), out::collect);
    timerAt = Long.MIN_VALUE;
    if (!end) {
      scheduleNext(ctx);
    }
  }

  private void scheduleNext(Context ctx) {
    long next = adoption.nextToClose();
    if (next == Long.MAX_VALUE || (bounded && next > adoption.lastDay())) {
      return;
    }
    long at = next + DAY_MS - 1;
    if (timerAt != at) {
      timerAt = at;
      ctx.timerService().registerEventTimeTimer(at);
    }
  }
}
