package dev.tenantpulse.billing.ledger;

import dev.tenantpulse.billing.stripe.MeterEvent;

/**
 * One meter event of the ledger: revision {@code revision} of a window, {@code units} whole units
 * (negative for a correction downwards) for {@code customerId} under Stripe's {@code eventName}.
 */
public record Send(
    WindowKey key,
    int revision,
    String identifier,
    String customerId,
    String eventName,
    long units,
    SendState state,
    int attempts,
    String lastError) {

  /** The call this send makes; its timestamp is the window's start, so it lands in that period. */
  public MeterEvent event() {
    return new MeterEvent(eventName, customerId, units, identifier, key.start());
  }
}
