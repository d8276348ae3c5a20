package dev.tenantpulse.flink.eventtime;

import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.rejected.Rejections;
import dev.tenantpulse.flink.source.ReceivedEvent;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Marks an event late when its timestamp is more than the allowed lateness behind the event-time
 * frontier: the watermark, or where the watermark would be from the newest event already read from
 * the same partition, whichever is ahead.
 *
 * <p>Runs chained to the source, so it sees each partition in Kafka order. The partition's own
 * newest event time makes the decision the contract's ("more than the lateness behind the newest
 * event time seen before it") even while the watermark lags, as in a fast replay where periodic
 * watermarks trail the events by many hours of event time; and it is checkpointed, so an event read
 * right after a restore is judged as before the crash. The watermark part keeps every event that
 * passes within the lateness of every downstream operator: with one source reader (the default)
 * their watermark is never ahead of the one seen here when the event passed. With more, it can be
 * ({@link LatenessAfterShuffle} judges again where it is).
 *
 * <p>An event it cannot judge (a fault of the event's values, {@link Rejections#isRecordFault}) is
 * a dead letter of stage {@code lateness}, not a failure of the job.
 */
public final class LatenessClassifier extends ProcessFunction<ReceivedEvent, ReceivedEvent>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;

  private final long bound;
  private final long lateness;

  private transient Map<Integer, Long> newestByPartition;
  private transient ListState<PartitionNewest> checkpointed;

  public LatenessClassifier(EventTimeOptions options) {
    this.bound = options.disorderBound().toMillis();
    this.lateness = options.allowedLateness().toMillis();
  }

  @Override
  public void processElement(ReceivedEvent event, Context ctx, Collector<ReceivedEvent> out) {
    ReceivedEvent judged;
    try {
      judged = judge(event, ctx);
    } catch (RuntimeException e) {
      Rejections.refuse(
          RejectedRecord.LATENESS,
          e,
          event,
          ctx.timerService().currentProcessingTime(),
          ctx::output);
      return;
    }
    out.collect(judged); // outside the try: a downstream failure is not this event's
  }

  private ReceivedEvent judge(ReceivedEvent event, Context ctx) {
    long eventTime = event.eventTime();
    Long newest = newestByPartition.get(event.partition());
    long frontier = ctx.timerService().currentWatermark();
    if (newest != null) {
      frontier = Math.max(frontier, newest - bound - 1);
    }
    boolean late = isBehind(eventTime, frontier, lateness);
    if (newest == null || eventTime > newest) {
      newestByPartition.put(event.partition(), eventTime);
    }
    return late ? event.asLate() : event;
  }

  /**
   * Whether {@code eventTime} is more than {@code lateness} behind {@code frontier}; never when
   * nothing has been seen yet ({@code frontier} near {@link Long#MIN_VALUE}: no overflow).
   */
  static boolean isBehind(long eventTime, long frontier, long lateness) {
    return frontier > Long.MIN_VALUE + lateness && eventTime < frontier - lateness;
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    checkpointed.clear();
    for (Map.Entry<Integer, Long> e : newestByPartition.entrySet()) {
      checkpointed.add(new PartitionNewest(e.getKey(), e.getValue()));
    }
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    newestByPartition = new HashMap<>();
    // Union: after a rescale each subtask gets every entry, so whichever reads a partition
    // next knows its newest time. Of the copies of one partition the newest wins.
    checkpointed =
        context
            .getOperatorStateStore()
            .getUnionListState(
                new ListStateDescriptor<>(
                    "newest-event-time-per-partition", PartitionNewest.class));
    for (PartitionNewest p : checkpointed.get()) {
      newestByPartition.merge(p.partition(), p.newestEventTime(), Math::max);
    }
  }
}
