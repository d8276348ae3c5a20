package dev.tenantpulse.flink.events;

import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.tenancy.events.TenantEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The events the streaming metrics count: every first copy that is not late. Late ones are counted
 * in {@code lateEvents} and left out (they are still written to {@code events}, with {@code late =
 * 1}; a recompute counts them).
 */
public final class CountedEvents extends ProcessFunction<ReceivedEvent, TenantEvent> {

  private static final long serialVersionUID = 1L;

  private transient Counter late;
  private transient Counter counted;

  @Override
  public void open(OpenContext openContext) {
    late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    counted = getRuntimeContext().getMetricGroup().counter("countedEvents");
  }

  @Override
  public void processElement(ReceivedEvent event, Context ctx, Collector<TenantEvent> out) {
    if (event.late()) {
      late.inc();
    } else {
      counted.inc();
      out.collect(event.event());
    }
  }
}
