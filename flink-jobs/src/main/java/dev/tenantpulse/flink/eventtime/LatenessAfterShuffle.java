package dev.tenantpulse.flink.eventtime;

import dev.tenantpulse.flink.source.ReceivedEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Marks late an event that reaches the keyed operators more than the allowed lateness behind their
 * watermark, though {@link LatenessClassifier} let it pass at its source reader.
 *
 * <p>That happens only with more than one source reader: the metric operators' watermark is the
 * minimum over the readers that are not idle, and a reader that becomes active again does not hold
 * it back until it has caught up. So while one reader's partitions sat idle, the other can take
 * event time days ahead, and the first reader's backlog then arrives behind it. Counting such an
 * event would add it to sums already written and cleaned up: the next write of the hour or day
 * would hold only what came after. Marked late, it is stored with {@code late = 1} and counted in
 * {@code lateEvents} (a recompute counts it), as the contract allows for an event that is late
 * against another partition's progress. Counted here too, in {@code lateAfterShuffle}.
 *
 * <p>Runs chained after the first keyed operator, so its watermark is that operator's; every later
 * operator's watermark, when the event reaches it, is no further ahead. With one reader the
 * classifier's watermark is this one, and nothing is marked here.
 */
public final class LatenessAfterShuffle extends ProcessFunction<ReceivedEvent, ReceivedEvent> {

  private static final long serialVersionUID = 1L;

  private final long lateness;
  private transient Counter markedLate;

  public LatenessAfterShuffle(EventTimeOptions options) {
    this.lateness = options.allowedLateness().toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    markedLate = getRuntimeContext().getMetricGroup().counter("lateAfterShuffle");
  }

  @Override
  public void processElement(ReceivedEvent event, Context ctx, Collector<ReceivedEvent> out) {
    if (!event.late()
        && LatenessClassifier.isBehind(
            event.eventTime(), ctx.timerService().currentWatermark(), lateness)) {
      markedLate.inc();
      out.collect(event.asLate());
    } else {
      out.collect(event);
    }
  }
}
