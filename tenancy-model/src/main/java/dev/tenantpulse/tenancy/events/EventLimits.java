package dev.tenantpulse.tenancy.events;

import java.time.Duration;
import java.time.Instant;

/** The size and time limits of the event contract, in one place for the collector and the jobs. */
public final class EventLimits {

  /** Largest serialized event accepted: keeps one Kafka record and one ClickHouse row small. */
  public static final int MAX_EVENT_BYTES = 32 * 1024;

  /** Most events in one request. */
  public static final int MAX_EVENTS_PER_REQUEST = 500;

  /** Largest request body (after gzip decoding). */
  public static final int MAX_REQUEST_BYTES = 1024 * 1024;

  /**
   * How far an event's timestamp may lie after its receive time. Clock skew is real; an event
   * further ahead would close hours that have not happened yet.
   */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  /**
   * The default earliest event timestamp accepted. Nothing this service measures happened before
   * it; a timestamp earlier than that is a sender's bug (an unset date, a zero, a sign error), and
   * far earlier ones break every consumer that converts instants to epoch milliseconds.
   */
  public static final Instant EARLIEST_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z");

  /**
   * The first instant the warehouse can store in every table: ClickHouse's {@code DateTime64(3)}
   * (events) holds 1900-01-01 to 2299-12-31, but the metric tables' {@code Date} and {@code
   * DateTime} columns start at the Unix epoch, where an earlier day would wrap around. A configured
   * earliest timestamp must lie in [{@code STORABLE_FROM}, {@link #STORABLE_UNTIL}); the Flink
   * job's own bound has the same floor.
   */
  public static final Instant STORABLE_FROM = Instant.parse("1970-01-01T00:00:00Z");

  /**
   * The first instant after what the warehouse can store (exclusive); see {@link #STORABLE_FROM}.
   */
  public static final Instant STORABLE_UNTIL = Instant.parse("2300-01-01T00:00:00Z");

  /** How long (tenant_id, id) identifies an event: a resend within it never counts twice. */
  public static final Duration IDEMPOTENCY_HORIZON = Duration.ofDays(7);

  /** Longest {@code id} and {@code user_id}, in characters (Unicode code points). */
  public static final int MAX_ID_LENGTH = 128;

  private EventLimits() {}
}
