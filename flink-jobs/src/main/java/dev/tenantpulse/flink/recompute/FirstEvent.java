package dev.tenantpulse.flink.recompute;

import dev.tenantpulse.tenancy.events.TenantEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/** One event per (tenant_id, id) key: the stored copies of an id are the same event. */
final class FirstEvent extends KeyedProcessFunction<String, TenantEvent, TenantEvent> {

  private static final long serialVersionUID = 1L;
  private transient ValueState<Boolean> seen;

  @Override
  public void open(OpenContext openContext) {
    seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
  }

  @Override
  public void processElement(TenantEvent event, Context ctx, Collector<TenantEvent> out)
      throws Exception {
    if (seen.value() == null) {
      seen.update(Boolean.TRUE);
      out.collect(event);
    }
  }
}
