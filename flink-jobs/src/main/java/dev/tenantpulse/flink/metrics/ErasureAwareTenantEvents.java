package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.flink.source.TenantErasure;
import dev.tenantpulse.tenancy.events.TenantEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The streaming job's per-tenant operator: {@link TenantEventsFunction} with tenants' erasure
 * notices as a second input, both keyed by tenant. Same state, timers and outputs; a notice calls
 * {@link TenantEventsFunction#forget}.
 *
 * <p>A separate operator so that a run without notices (a recompute, the pipeline tests) keeps one
 * input: a second one's watermark would hold the events' back until it arrives, and the tests of
 * the late-event path need the events' watermark alone.
 */
public final class ErasureAwareTenantEvents
    extends KeyedCoProcessFunction<String, TenantEvent, TenantErasure, TenantFact> {

  private static final long serialVersionUID = 1L;

  private final TenantEventsFunction events;

  public ErasureAwareTenantEvents(TenantEventsFunction events) {
    this.events = events;
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    events.setRuntimeContext(getRuntimeContext());
    events.open(openContext);
  }

  @Override
  public void close() throws Exception {
    events.close();
  }

  @Override
  public void processElement1(TenantEvent event, Context ctx, Collector<TenantFact> out)
      throws Exception {
    events.processElement(event, context(ctx), out);
  }

  @Override
  public void processElement2(TenantErasure erasure, Context ctx, Collector<TenantFact> out)
      throws Exception {
    events.forget(erasure, context(ctx), out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TenantFact> out)
      throws Exception {
    events.onTimer(timestamp, timerContext(ctx), out);
  }

  private KeyedProcessFunction<String, TenantEvent, TenantFact>.Context context(Context ctx) {
    return events.new Context() {
      @Override
      public Long timestamp() {
        return ctx.timestamp();
      }

      @Override
      public TimerService timerService() {
        return ctx.timerService();
      }

      @Override
      public <X> void output(OutputTag<X> outputTag, X value) {
        ctx.output(outputTag, value);
      }

      @Override
      public String getCurrentKey() {
        return ctx.getCurrentKey();
      }
    };
  }

  private KeyedProcessFunction<String, TenantEvent, TenantFact>.OnTimerContext timerContext(
      OnTimerContext ctx) {
    return events.new OnTimerContext() {
      @Override
      public Long timestamp() {
        return ctx.timestamp();
      }

      @Override
      public TimerService timerService() {
        return ctx.timerService();
      }

      @Override
      public <X> void output(OutputTag<X> outputTag, X value) {
        ctx.output(outputTag, value);
      }

      @Override
      public TimeDomain timeDomain() {
        return ctx.timeDomain();
      }

      @Override
      public String getCurrentKey() {
        return ctx.getCurrentKey();
      }
    };
  }
}
