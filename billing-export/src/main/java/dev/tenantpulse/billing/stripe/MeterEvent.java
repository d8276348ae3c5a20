package dev.tenantpulse.billing.stripe;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code POST /v1/billing/meter_events}: {@code value} whole units of the Stripe meter {@code
 * eventName} for {@code customerId} at {@code timestamp} (whole seconds), deduplicated by Stripe on
 * {@code identifier}. A negative value corrects an earlier one.
 */
public record MeterEvent(
    String eventName, String customerId, long value, String identifier, Instant timestamp) {

  public MeterEvent {
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(timestamp, "timestamp");
    if (identifier.length() > 100) {
      throw new IllegalArgumentException("Stripe takes identifiers of at most 100 characters");
    }
  }
}
