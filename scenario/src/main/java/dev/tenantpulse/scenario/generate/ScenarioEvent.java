package dev.tenantpulse.scenario.generate;

import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One arrival of a scenario: an event as the collector receives it.
 *
 * @param event the event (a duplicate carries the very same event as its original)
 * @param receivedAt when it is sent; never decreases along the arrival order
 * @param duplicate whether it is a re-sent copy of an earlier arrival (same tenant, id, payload)
 * @param late whether the generator placed it far beyond the lateness: at least 12 h behind the
 *     newest event time of the arrivals before it
 */
public record ScenarioEvent(
    TenantEvent event, Instant receivedAt, boolean duplicate, boolean late) {

  public ScenarioEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** The same arrival moved in time: its event time and its receive time both by {@code shift}. */
  public ScenarioEvent shiftedBy(Duration shift) {
    return new ScenarioEvent(
        event.toBuilder().timestamp(event.timestamp().plus(shift)).build(),
        receivedAt.plus(shift),
        duplicate,
        late);
  }
}
