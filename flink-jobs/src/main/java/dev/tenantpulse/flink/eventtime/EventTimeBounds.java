package dev.tenantpulse.flink.eventtime;

import dev.tenantpulse.tenancy.events.EventLimits;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The event times the job accepts, checked right after decoding so that no operator ever sees an
 * instant it cannot compute with or a table cannot hold. The contract's bounds, as the collector
 * applies them, for events from any producer:
 *
 * <ul>
 *   <li>not before {@code earliest} (the contract's configurable lower bound, default 2000-01-01);
 *   <li>not more than {@code maxFuture} after the receive time (the Kafka record timestamp; the
 *       contract's 5 minutes): one event far ahead would move event time past every hour until
 *       then, and everything after it would be late;
 *   <li>before {@link #LIMIT} in any case, also for a record without a timestamp: the tightest time
 *       column an event reaches, {@code active_tenants_hourly.window_end} (DateTime: seconds in a
 *       UInt32), ends in 2106; {@code DateTime64(3)} ends in 2299.
 * </ul>
 *
 * <p>A receive time at or after {@link #LIMIT} is refused as well: it becomes {@code
 * events.received_at} and the row's version.
 *
 * <p>The collector applies the same bounds with its receive time, which it also writes as the
 * record timestamp, so every event it accepts passes here too, as long as {@code earliest} is not
 * after its {@code earliest-timestamp}.
 *
 * @param earliest the first accepted event time; at least 1970-01-01, where the metric tables' Date
 *     and DateTime columns start (the collector's floor too; should another producer write earlier
 *     events, they are dead letters here rather than wrapped-around dates in the metric tables)
 * @param maxFuture how far an event time may lie after its receive time
 */
public record EventTimeBounds(Instant earliest, Duration maxFuture) implements Serializable {

  /** The contract's default lower bound, the collector's too. */
  public static final Instant DEFAULT_EARLIEST = EventLimits.EARLIEST_TIMESTAMP;

  /** The contract's limit, the collector's too. */
  public static final Duration DEFAULT_MAX_FUTURE = EventLimits.MAX_FUTURE_SKEW;

  /** No event time or receive time at or after this is accepted. */
  public static final Instant LIMIT = Instant.parse("2100-01-01T00:00:00Z");

  /** Date columns ({@code usage_daily.day}, cohort weeks) hold nothing before this. */
  public static final Instant LOWEST_EARLIEST = Instant.EPOCH;

  public static final EventTimeBounds DEFAULTS =
      new EventTimeBounds(DEFAULT_EARLIEST, DEFAULT_MAX_FUTURE);

  public EventTimeBounds {
    Objects.requireNonNull(earliest, "earliest");
    Objects.requireNonNull(maxFuture, "maxFuture");
    if (earliest.isBefore(LOWEST_EARLIEST) || !earliest.isBefore(LIMIT)) {
      throw new IllegalArgumentException(
          "earliest must be in [" + LOWEST_EARLIEST + ", " + LIMIT + "), got " + earliest);
    }
    if (maxFuture.isNegative()) {
      throw new IllegalArgumentException("maxFuture must be >= 0, got " + maxFuture);
    }
  }

  /**
   * Why an event with this timestamp and receive time is refused, or null when it is accepted.
   *
   * @param receivedAt the Kafka record timestamp in epoch ms; negative when the record has none
   *     (then only the absolute bounds apply)
   */
  public String problem(Instant timestamp, long receivedAt) {
    if (timestamp.isBefore(earliest)) {
      return "timestamp "
          + timestamp
          + " is before the earliest accepted "
          + earliest
          + " (events.earliest)";
    }
    if (!timestamp.isBefore(LIMIT)) {
      return "timestamp "
          + timestamp
          + " is not before "
          + LIMIT
          + ", beyond the time columns of the tables";
    }
    if (receivedAt >= LIMIT.toEpochMilli()) {
      return "receive time (Kafka record timestamp) " + receivedAt + " ms is not before " + LIMIT;
    }
    // Both are before LIMIT here, so neither the millis nor the difference overflow.
    if (receivedAt >= 0 && timestamp.toEpochMilli() - receivedAt > maxFuture.toMillis()) {
      return "timestamp "
          + timestamp
          + " is more than "
          + maxFuture
          + " after its receive time "
          + Instant.ofEpochMilli(receivedAt)
          + " (events.max-future)";
    }
    return null;
  }
}
