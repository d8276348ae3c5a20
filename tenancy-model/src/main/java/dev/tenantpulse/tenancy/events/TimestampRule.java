package dev.tenantpulse.tenancy.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code timestamp} rule: ISO-8601 with an offset, not before the earliest accepted instant (by
 * default {@link EventLimits#EARLIEST_TIMESTAMP}) and at most {@link EventLimits#MAX_FUTURE_SKEW}
 * after the receive time.
 *
 * <p>Any text yields an instant or a problem, never an exception: {@code java.time} holds every
 * year the ISO formatter reads ({@code ±999999999}), and the bounds keep what passes where every
 * consumer can convert it (epoch milliseconds, ClickHouse {@code DateTime64(3)}).
 *
 * <p>An offset is required because a local time means a different instant in every zone: guessing
 * UTC would silently move events of senders elsewhere by hours, into other metric windows.
 */
final class TimestampRule {

  private TimestampRule() {}

  static Instant read(FieldReader in, String field, Instant earliest, Instant receivedAt) {
    String text = in.string(field, FieldReader.REQUIRED);
    if (text == null) {
      return null;
    }
    Instant timestamp = parseCommonForm(text);
    try {
      if (timestamp == null) {
        timestamp = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      }
    } catch (DateTimeParseException notWithOffset) {
      // A parse failure is the sender's mistake, not ours: it becomes the reason, worded by
      // whether only the offset is missing.
      in.problem(field, isLocalDateTime(text) ? offsetMissing() : malformed(text));
      return null;
    }
    if (timestamp.isBefore(earliest)) {
      in.problem(
          field,
          "is before "
              + earliest
              + ", the earliest timestamp accepted; got "
              + timestamp
              + " (check for an unset or zero date)");
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

  /**
   * The instant of the form nearly every sender uses, {@code yyyy-MM-ddTHH:mm:ss[.f…]} then {@code
   * Z} or {@code ±HH:mm}, read without the general formatter (a sixth of the time, on every event
   * the collector receives); null for anything else, including invalid field values, which the
   * formatter then reads or refuses as before. For the texts it reads, the result is the same
   * instant as {@code OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME).toInstant()}.
   */
  static Instant parseCommonForm(String t) {
    int n = t.length();
    if (n < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (t.charAt(at) == '.') {
      int start = ++at;
      while (at < n && at - start < 9 && isDigit(t.charAt(at))) {
        nanos = nanos * 10 + (t.charAt(at++) - '0');
      }
      if (at == start || (at < n && isDigit(t.charAt(at)))) {
        return null; // no digit, or more than nine
      }
      for (int d = at - start; d < 9; d++) {
        nanos *= 10;
      }
    }
    int offsetSeconds;
    if (at == n - 1 && t.charAt(at) == 'Z') {
      offsetSeconds = 0;
    } else if (at == n - 6
        && (t.charAt(at) == '+' || t.charAt(at) == '-')
        && t.charAt(at + 3) == ':') {
      int offsetHours = digits(t, at + 1, at + 3);
      int offsetMinutes = digits(t, at + 4, at + 6);
      if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 18 || offsetMinutes > 59) {
        return null;
      }
      offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (t.charAt(at) == '-' ? -1 : 1);
      if (Math.abs(offsetSeconds) > 18 * 3600) {
        return null;
      }
    } else {
      return null;
    }
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    if (day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
        .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
  }

  /** The decimal value of {@code t[from, to)}, or -1 when one of them is not an ASCII digit. */
  private static int digits(String t, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
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
