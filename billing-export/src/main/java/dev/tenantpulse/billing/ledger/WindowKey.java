package dev.tenantpulse.billing.ledger;

import java.time.Instant;

/** A tenant's meter in one UTC hour, {@code windowStart} its start in epoch seconds. */
public record WindowKey(String tenantId, String meter, long windowStart) {

  public Instant start() {
    return Instant.ofEpochSecond(windowStart);
  }
}
