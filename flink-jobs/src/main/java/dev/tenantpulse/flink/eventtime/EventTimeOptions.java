package dev.tenantpulse.flink.eventtime;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How event time advances and what counts as late.
 *
 * @param disorderBound how far behind the newest event time the watermark trails; events up to this
 *     much out of order never reach an operator as behind the watermark
 * @param idleTimeout after this long without any event the watermark follows the wall clock (minus
 *     the bound), so hours still close during an outage
 * @param allowedLateness events further than this behind the watermark are late: stored, counted as
 *     late, left out of the streaming metrics
 * @param bounds the event times accepted at all; others are dead letters of stage {@code
 *     event_time}
 */
public record EventTimeOptions(
    Duration disorderBound, Duration idleTimeout, Duration allowedLateness, EventTimeBounds bounds)
    implements Serializable {

  public static final Duration DEFAULT_DISORDER_BOUND = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);
  public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofHours(1);

  public EventTimeOptions {
    Objects.requireNonNull(disorderBound, "disorderBound");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(allowedLateness, "allowedLateness");
    Objects.requireNonNull(bounds, "bounds");
  }

  /** The default bounds. */
  public EventTimeOptions(Duration disorderBound, Duration idleTimeout, Duration allowedLateness) {
    this(disorderBound, idleTimeout, allowedLateness, EventTimeBounds.DEFAULTS);
  }

  public static EventTimeOptions defaults() {
    return new EventTimeOptions(
        DEFAULT_DISORDER_BOUND, DEFAULT_IDLE_TIMEOUT, DEFAULT_ALLOWED_LATENESS);
  }
}
