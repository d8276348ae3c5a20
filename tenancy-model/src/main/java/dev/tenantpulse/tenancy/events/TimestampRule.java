package dev.tenantpulse.tenancy.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code timestamp} rule: ISO-8601 with an offset, at most {@link EventLimits#MAX_FUTURE_SKEW}
 * after the receive time.
 *
 * <p>An offset is required because a local time means a different instant in every zone: guessing
 * UTC would silently move events of senders elsewhere by hours, into other metric windows.
 */
final class TimestampRule {

  private TimestampRule() {}

  static Instant read(FieldReader in, String field, Instant receivedAt) {
    String text = in.string(field, FieldReader.REQUIRED);
    if (text == null) {
      return null;
    }
    Instant timestamp;
    try {
      timestamp = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException notWithOffset) {
      // A parse failure is the sender's mistake, not ours: it becomes the reason, worded by
      // whether only the offset is missing.
      in.problem(field, isLocalDateTime(text) ? offsetMissing() : malformed(text));
      return null;
    }
    Instant latest = receivedAt.plus(EventLimits.MAX_FUTURE_SKEW);
    if (timestamp.isAfter(latest)) {
      in.problem(
          field,
          "is more than "
              + EventLimits.MAX_FUTURE_SKEW.toMinutes()
              + " minutes after the receive time "
              + receivedAt
              + "; check the sender's clock");
      return null;
    }
    return timestamp;
  }

  /** Whether the text is a date-time lacking only the offset; the parse failure is the answer. */
  private static boolean isLocalDateTime(String text) {
    try {
      LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String offsetMissing() {
    return "needs an offset, for example 2026-11-27T10:00:00Z or 2026-11-27T12:00:00+02:00;"
        + " a local time is ambiguous";
  }

  private static String malformed(String text) {
    return "must be an ISO-8601 date-time with offset, for example 2026-11-27T10:00:00Z; got "
        + FieldReader.echo(text);
  }
}
