package dev.tenantpulse.tenancy.events;

import java.time.Duration;

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

  /** How long (tenant_id, id) identifies an event: a resend within it never counts twice. */
  public static final Duration IDEMPOTENCY_HORIZON = Duration.ofDays(7);

  /** Longest {@code id} and {@code user_id}, in characters (Unicode code points). */
  public static final int MAX_ID_LENGTH = 128;

  private EventLimits() {}
}
