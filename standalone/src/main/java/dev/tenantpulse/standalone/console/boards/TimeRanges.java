package dev.tenantpulse.standalone.console.boards;

import dev.tenantpulse.standalone.console.ConsoleException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code from} and {@code to} of a board's URL, in the forms Grafana's own links use, so a link
 * copied from either works in both: {@code now}, {@code now-7d}, {@code now-1M/M} (units {@code s m
 * h d w M y}, optionally rounded down to the start of a unit, in UTC), epoch milliseconds, or an
 * ISO-8601 instant or date.
 */
public final class TimeRanges {

  /** ClickHouse's {@code DateTime} holds 1970 to 2106; a range outside it cannot be asked for. */
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("2105-12-31T23:59:59Z");

  /** Longer ranges are refused: ten years of hourly rows is already more than a page draws. */
  static final Duration LONGEST = Duration.ofDays(3660);

  private static final Pattern RELATIVE =
      Pattern.compile("now(?:([+-])(\\d{1,6})([smhdwMy]))?(?:/([smhdwMy]))?");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{1,15}");

  /** A resolved range: {@code from} strictly before {@code to}. */
  public record Range(Instant from, Instant to) {}

  private TimeRanges() {}

  /**
   * The range of a request.
   *
   * @param from the {@code from} parameter, or null for {@code defaultFrom}
   * @param to the {@code to} parameter, or null for {@code now}
   * @throws ConsoleException 400 {@code bad_time_range} naming what is wrong
   */
  public static Range resolve(String from, String to, String defaultFrom, Instant now) {
    Instant start = parse("from", from == null ? defaultFrom : from, now);
    Instant end = parse("to", to == null ? "now" : to, now);
    if (!start.isBefore(end)) {
      throw bad("from must be before to, got " + start + " and " + end);
    }
    if (Duration.between(start, end).compareTo(LONGEST) > 0) {
      throw bad("a range spans at most " + LONGEST.toDays() + " days");
    }
    return new Range(start, end);
  }

  static Instant parse(String name, String text, Instant now) {
    if (text.length() > 40) {
      throw bad(name + ": at most 40 characters");
    }
    Instant t = read(name, text.strip(), now);
    if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
      throw bad(name + " must lie between " + EARLIEST + " and " + LATEST + ", got " + t);
    }
    return t;
  }

  private static Instant read(String name, String text, Instant now) {
    Matcher relative = RELATIVE.matcher(text);
    if (relative.matches()) {
      ZonedDateTime t = now.atZone(ZoneOffset.UTC);
      if (relative.group(1) != null) {
        long n = Long.parseLong(relative.group(2));
        t = t.plus(relative.group(1).equals("-") ? -n : n, unit(relative.group(3)));
      }
      if (relative.group(4) != null) {
        t = startOf(t, relative.group(4));
      }
      return t.toInstant();
    }
    if (EPOCH_MILLIS.matcher(text).matches()) {
      return Instant.ofEpochMilli(Long.parseLong(text));
    }
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(
          name
              + ": now, now-7d, now-1M/M (units s m h d w M y), epoch milliseconds or an ISO-8601"
              + " instant; got '"
              + text.replaceAll("\\p{Cntrl}", "?")
              + "'");
    }
  }

  private static ChronoUnit unit(String u) {
    return switch (u) {
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      case "h" -> ChronoUnit.HOURS;
      case "d" -> ChronoUnit.DAYS;
      case "w" -> ChronoUnit.WEEKS;
      case "M" -> ChronoUnit.MONTHS;
      case "y" -> ChronoUnit.YEARS;
      default -> throw new IllegalArgumentException(u);
    };
  }

  private static ZonedDateTime startOf(ZonedDateTime t, String u) {
    return switch (u) {
      case "w" ->
          t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "M" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case "y" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      default -> t.truncatedTo(unit(u));
    };
  }

  private static ConsoleException bad(String detail) {
    return ConsoleException.badRequest("bad_time_range", detail);
  }
}
