package dev.tenantpulse.flink.metrics.onboarding;

import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.RowTypes;
import dev.tenantpulse.flink.metrics.TenantFact;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Cross-tenant onboarding cohort rows (parallelism 1, one constant key) over {@link
 * OnboardingCohorts}. Changes are gathered and flushed when the watermark next advances (an
 * event-time timer just past the current watermark), so a burst of steps emits each cohort once; in
 * BATCH mode that is once, at the end.
 */
public final class OnboardingCohortsFunction
    extends KeyedProcessFunction<Integer, TenantFact, OnboardingCohortRow>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;

  private final EmitRange range;
  private transient OnboardingCohorts cohorts;
  private transient ListState<OnboardingCohorts.Snapshot> checkpoint;

  public OnboardingCohortsFunction(EmitRange range) {
    this.range = range;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    checkpoint =
        context
            .getOperatorStateStore()
            .getListState(
                new ListStateDescriptor<>(
                    "onboarding-cohorts", RowTypes.of(OnboardingCohorts.Snapshot.class)));
    cohorts = new OnboardingCohorts(range);
    for (OnboardingCohorts.Snapshot s : checkpoint.get()) {
      cohorts.restore(s);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    checkpoint.update(List.of(cohorts.snapshot()));
  }

  @Override
  public void processElement(TenantFact fact, Context ctx, Collector<OnboardingCohortRow> out) {
    switch (fact.kind()) {
      case ONBOARDING -> cohorts.onStatus(fact.tenantId(), fact.onboarding());
      case FORGET -> cohorts.forget(fact.tenantId());
      default -> {
        return;
      }
    }
    long watermark = ctx.timerService().currentWatermark();
    // Timers with equal timestamps collapse into one.
    ctx.timerService()
        .registerEventTimeTimer(watermark == Long.MAX_VALUE ? watermark : watermark + 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OnboardingCohortRow> out) {
    cohorts.flush(ctx.timerService().currentProcessingTime(), out::collect);
  }
}
