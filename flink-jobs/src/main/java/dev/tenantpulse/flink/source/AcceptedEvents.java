package dev.tenantpulse.flink.source;

import dev.tenantpulse.flink.rejected.Rejections;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parts the source's output, chained right after it: events go on, the dead letters of records the
 * source refused (not an event, a timestamp out of bounds) to {@link Rejections#TAG}, tenants'
 * erasure notices to {@link #ERASURES}.
 */
public final class AcceptedEvents extends ProcessFunction<SourceRecord, ReceivedEvent> {

  private static final long serialVersionUID = 1L;

  /** The erasure notices read from the topic. */
  public static final OutputTag<TenantErasure> ERASURES =
      new OutputTag<>("tenant-erasures", TypeInformation.of(TenantErasure.class));

  @Override
  public void processElement(SourceRecord record, Context ctx, Collector<ReceivedEvent> out) {
    if (record.isEvent()) {
      out.collect(record.event());
    } else if (record.erasure() != null) {
      ctx.output(ERASURES, record.erasure());
    } else {
      ctx.output(Rejections.TAG, record.rejected());
    }
  }
}
