package dev.tenantpulse.flink.source;

import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;

/**
 * An event as the job received it: what the collector wrote to Kafka and when.
 *
 * @param event the event (EventCodec JSON of the record value); its timestamp lies within the
 *     bounds the source checked ({@code EventTimeBounds}), so its epoch milliseconds never overflow
 * @param receivedAt when the collector accepted it, epoch milliseconds (the Kafka record
 *     timestamp); {@code events.received_at} and the row's version
 * @param partition the Kafka partition it was read from, -1 when it did not come from Kafka (a
 *     recompute over the events table)
 * @param offset its Kafka offset, -1 when unknown: where a dead letter of it points
 * @param late whether it arrived later than the allowed lateness (set by the lateness step)
 */
public record ReceivedEvent(
    TenantEvent event, long receivedAt, int partition, long offset, boolean late) {

  public static final int NO_PARTITION = -1;
  public static final long NO_OFFSET = -1;

  /** An event whose offset is unknown (tests, events not read from Kafka). */
  public ReceivedEvent(TenantEvent event, long receivedAt, int partition, boolean late) {
    this(event, receivedAt, partition, NO_OFFSET, late);
  }

  /** Event time in epoch milliseconds: what every metric and the watermarks use. */
  public long eventTime() {
    return event.timestamp().toEpochMilli();
  }

  public Instant receivedAtInstant() {
    return Instant.ofEpochMilli(receivedAt);
  }

  public ReceivedEvent asLate() {
    return new ReceivedEvent(event, receivedAt, partition, offset, true);
  }
}
