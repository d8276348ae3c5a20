package dev.tenantpulse.flink.source;

import dev.tenantpulse.flink.rejected.RejectedRecord;

/**
 * What the Kafka source emits for one record: the event, the dead letter of a record that is not
 * one the job can process, or a tenant's erasure notice (exactly one of the three is set). A
 * deserializer cannot emit to a side output, so the two travel together up to {@link
 * AcceptedEvents}, chained right after the source, which parts them.
 */
public record SourceRecord(ReceivedEvent event, RejectedRecord rejected, TenantErasure erasure) {

  public static SourceRecord of(ReceivedEvent event) {
    return new SourceRecord(event, null, null);
  }

  public static SourceRecord of(RejectedRecord rejected) {
    return new SourceRecord(null, rejected, null);
  }

  public static SourceRecord of(TenantErasure erasure) {
    return new SourceRecord(null, null, erasure);
  }

  public boolean isEvent() {
    return event != null;
  }
}
