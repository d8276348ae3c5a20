package dev.tenantpulse.flink.source;

import dev.tenantpulse.flink.rejected.Rejections;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parts the source's output, chained right after it: events go on, the dead letters of records the
 * source refused (not an event, a timestamp out of bounds) to {@link Rejections#TAG}.
 */
public final class AcceptedEvents extends ProcessFunction<SourceRecord, ReceivedEvent> {

  private static final long serialVersionUID = 1L;

  @Override
  public void processElement(SourceRecord record, Context ctx, Collector<ReceivedEvent> out) {
    if (record.isEvent()) {
      out.collect(record.event());
    } else {
      ctx.output(Rejections.TAG, record.rejected());
    }
  }
}
