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
  private transient Adapter adapter;

  public ErasureAwareTenantEvents(TenantEventsFunction events) {
    this.events = events;
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    events.setRuntimeContext(getRuntimeContext());
    events.open(openContext);
    adapter = new Adapter(events);
  }

  @Override
  public void close() throws Exception {
    events.close();
  }

  /** See {@link TenantEventsFunction#stateCache()}. */
  TenantStateCache stateCache() {
    return events.stateCache();
  }

  @Override
  public void processElement1(TenantEvent event, Context ctx, Collector<TenantFact> out)
      throws Exception {
    events.processElement(event, adapter.of(ctx, null), out);
  }

  @Override
  public void processElement2(TenantErasure erasure, Context ctx, Collector<TenantFact> out)
      throws Exception {
    events.forget(erasure, adapter.of(ctx, null), out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TenantFact> out)
      throws Exception {
    events.onTimer(timestamp, adapter.of(ctx, ctx.timeDomain()), out);
  }

  /**
   * The two-input operator's context seen as the one-input function's. One instance, pointed at the
   * current context on every call (Flink reuses its own the same way): no allocation per event. A
   * timer context is also an element context, so one class serves both.
   */
  private static final class Adapter
      extends KeyedProcessFunction<String, TenantEvent, TenantFact>.OnTimerContext {

    private KeyedCoProcessFunction<String, TenantEvent, TenantErasure, TenantFact>.Context ctx;
    private TimeDomain domain;

    Adapter(TenantEventsFunction events) {
      events.super();
    }

    Adapter of(
        KeyedCoProcessFunction<String, TenantEvent, TenantErasure, TenantFact>.Context ctx,
        TimeDomain domain) {
      this.ctx = ctx;
      this.domain = domain;
      return this;
    }

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
      return domain;
    }

    @Override
    public String getCurrentKey() {
      return ctx.getCurrentKey();
    }
  }
}
