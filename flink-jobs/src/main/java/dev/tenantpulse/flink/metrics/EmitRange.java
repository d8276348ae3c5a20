package dev.tenantpulse.flink.metrics;

import java.io.Serializable;
import java.time.Instant;

/**
 * The rows a run may write, by the instant that starts each row's period (window end of an hour,
 * start of a day or cohort week, signup time of an onboarding tenant): [from, until), either end
 * open when null. A recompute sets it to the range it replaces; streaming leaves it open.
 */
public record EmitRange(Instant from, Instant until) implements Serializable {

  public static final EmitRange ALL = new EmitRange(null, null);

  public EmitRange {
    if (from != null && until != null && !from.isBefore(until)) {
      throw new IllegalArgumentException("emit range is empty: " + from + " .. " + until);
    }
  }

  public boolean isAll() {
    return from == null && until == null;
  }

  public boolean contains(long ms) {
    return (from == null || ms >= from.toEpochMilli())
        && (until == null || ms < until.toEpochMilli());
  }
}
