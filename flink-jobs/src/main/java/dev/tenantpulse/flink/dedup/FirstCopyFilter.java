package dev.tenantpulse.flink.dedup;

import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.rejected.Rejections;
import dev.tenantpulse.flink.source.ReceivedEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the first copy of each (tenant_id, id) through and drops later ones (a client retry, a
 * collector 503 whose records still reached Kafka), counting them in {@code duplicateEvents}.
 *
 * <p>Keyed by {@link #KEY}; remembers an id for the TTL (the contract's 7-day idempotency window;
 * Flink's TTL runs in processing time, i.e. from when the first copy was read). Without a TTL (a
 * bounded recompute) ids are kept for the run. Expired ids are dropped by the state backend as it
 * goes: RocksDB's compaction filter (the embedded default and clusters keep this state on disk, so
 * a week of ids never has to fit the heap), or incrementally on access on the heap backend.
 *
 * <p>The key needs {@code tenant_id} and {@code id}, which the source guarantees (the codec refuses
 * events without them). An event it cannot handle (a fault of its values, {@link
 * Rejections#isRecordFault}) is a dead letter of stage {@code dedup}, not a failure of the job.
 */
public final class FirstCopyFilter
    extends KeyedProcessFunction<String, ReceivedEvent, ReceivedEvent> {

  private static final long serialVersionUID = 1L;

  /** (tenant_id, id) as a 128-bit hash: see {@link EventKey} for why, and its collision odds. */
  public static final KeySelector<ReceivedEvent, String> KEY =
      e -> EventKey.of(e.event().tenantId(), e.event().id());

  private final Duration ttl;
  private transient ValueState<Boolean> seen;
  private transient Counter duplicates;

  /**
   * @param ttl how long an id is remembered; null for as long as the job runs
   */
  public FirstCopyFilter(Duration ttl) {
    this.ttl = ttl;
  }

  @Override
  public void open(OpenContext openContext) {
    ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
    if (ttl != null) {
      descriptor.enableTimeToLive(
          StateTtlConfig.newBuilder(ttl)
              .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
              .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
              // RocksDB: expired entries go in compactions (re-reading the clock every 1,000
              // entries); heap: 10 entries are checked on each access. Without either, an id
              // written once and never read again would stay until its key is touched.
              .cleanupInRocksdbCompactFilter(1_000)
              .cleanupIncrementally(10, false)
              .build());
    }
    seen = getRuntimeContext().getState(descriptor);
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
  }

  @Override
  public void processElement(ReceivedEvent event, Context ctx, Collector<ReceivedEvent> out)
      throws Exception {
    boolean first;
    try {
      first = seen.value() == null;
      if (first) {
        seen.update(Boolean.TRUE);
      }
    } catch (RuntimeException e) {
      Rejections.refuse(
          RejectedRecord.DEDUP, e, event, ctx.timerService().currentProcessingTime(), ctx::output);
      return;
    }
    if (first) {
      out.collect(event); // outside the try: a downstream failure is not this event's
    } else {
      duplicates.inc();
    }
  }
}
