package dev.tenantpulse.flink.source;

import dev.tenantpulse.flink.rejected.RejectedRecord;

/**
 * What the Kafka source emits for one record: the event, or the dead letter of a record that is not
 * one the job can process (exactly one of the two is set). A deserializer cannot emit to a side
 * output, so the two travel together up to {@link AcceptedEvents}, chained right after the source,
 * which parts them.
 */
public record SourceRecord(ReceivedEvent event, RejectedRecord rejected) {

  public static SourceRecord of(ReceivedEvent event) {
    return new SourceRecord(event, null);
  }

  public static SourceRecord of(RejectedRecord rejected) {
    return new SourceRecord(null, rejected);
  }

  public boolean isEvent() {
    return event != null;
  }
}
