package dev.tenantpulse.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.config.JobConfig;
import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.flink.testing.SharedScenario;
import dev.tenantpulse.flink.testing.TestFlink;
import dev.tenantpulse.flink.testing.TestJobs;
import dev.tenantpulse.flink.testing.TestWarehouse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * A task dies mid-stream, after a checkpoint and with rows of later records already written; Flink
 * restores every operator from that checkpoint and replays from its Kafka offsets. The tables must
 * then hold exactly the rows of an uninterrupted run: the oracle's.
 */
class CrashRecoveryTests {

  @Test
  void aRestoreFromCheckpointAfterACrashGivesTheRowsOfAnUninterruptedRun() throws Exception {
    String db = TestWarehouse.migratedDatabase("crash");
    JobConfig config = TestJobs.config(SharedScenario.topic(), db);
    StreamExecutionEnvironment env = TestFlink.env(2);
    Configuration restarts = new Configuration();
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    env.configure(restarts);
    TenantPulseJob.configure(env, config);
    var received = TenantPulseJob.source(env, config);
    TenantPulseJob.attach(
        received
            .map(new CrashOnce(8_000))
            .setParallelism(received.getParallelism())
            .uid("crash-once"),
        TenantPulseJob.rejectedBy(received),
        TenantPulseJob.erasuresFrom(received),
        config);

    env.execute("crash-recovery");

    assertThat(CrashOnce.CRASHED).isTrue();
    assertThat(CrashOnce.RESTORED_AFTER.get())
        .as("records before the restored checkpoint")
        .isPositive();
    ScenarioEndToEndTests.assertMatchesOracle(db, SharedScenario.streaming());
  }

  /**
   * Passes events through; in its first attempt, once a checkpoint holding records has completed
   * and it has seen {@code after} records, throws (the crash). A checkpoint taken before the first
   * record does not count: restoring it is a restart from the start, which on a busy machine
   * (records slow to arrive) is what the crash would otherwise test. Counts records in checkpointed
   * state, so the restore shows it resumed from a checkpoint rather than from the start.
   */
  static final class CrashOnce extends RichMapFunction<ReceivedEvent, ReceivedEvent>
      implements CheckpointListener, CheckpointedFunction {

    static final AtomicBoolean CRASHED = new AtomicBoolean();
    static final AtomicLong RESTORED_AFTER = new AtomicLong();

    private final long after;
    private transient long seen;
    private transient boolean checkpointCompleted;
    private transient java.util.Map<Long, Long> seenAtCheckpoint;
    private transient ListState<Long> seenState;

    CrashOnce(long after) {
      this.after = after;
    }

    @Override
    public void open(OpenContext openContext) {}

    @Override
    public ReceivedEvent map(ReceivedEvent event) {
      seen++;
      if (checkpointCompleted
          && seen >= after
          && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0
          && CRASHED.compareAndSet(false, true)) {
        throw new IllegalStateException("crash injected after " + seen + " records");
      }
      return event;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      if (seenAtCheckpoint.getOrDefault(checkpointId, 0L) > 0) {
        checkpointCompleted = true;
      }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
      seenState.update(List.of(seen));
      seenAtCheckpoint.put(context.getCheckpointId(), seen);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
      seenAtCheckpoint = new java.util.concurrent.ConcurrentHashMap<>();
      seenState =
          context
              .getOperatorStateStore()
              .getListState(new ListStateDescriptor<>("seen", Long.class));
      for (Long n : seenState.get()) {
        seen += n;
      }
      if (context.isRestored()) {
        RESTORED_AFTER.addAndGet(seen);
      }
    }
  }
}
