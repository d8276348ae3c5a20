package dev.tenantpulse.collector.ingest.fuzz;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded timestamp texts at and beyond every edge of the event time rule, each with the instant it
 * denotes when it is a well-formed ISO-8601 date-time with offset (else none), worked out here with
 * calendar arithmetic of its own (days from civil dates, after H. Hinnant), so that the expectation
 * shares no code with the collector's parsing or {@code java.time}'s.
 *
 * <p>Only forms whose reading is beyond doubt carry an expectation of validity: four-digit years
 * (signed or longer years lie outside the bounds anyway, so their outcome is rejection either way),
 * seconds present, one to nine fraction digits, {@code Z} or {@code ±HH:MM} up to 18:00. RFC 3339
 * allows a lowercase {@code t} and {@code z}; they are well-formed here.
 */
final class EventTimes {

  /** An instant as whole seconds since 1970-01-01T00:00:00Z and nanoseconds, any year. */
  record Moment(long epochSecond, int nano) implements Comparable<Moment> {

    static Moment of(long epochSecond, long nanos) {
      return new Moment(
          epochSecond + Math.floorDiv(nanos, 1_000_000_000L),
          (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    Moment plusNanos(long nanos) {
      return of(epochSecond, nano + nanos);
    }

    @Override
    public int compareTo(Moment o) {
      int bySecond = Long.compare(epochSecond, o.epochSecond);
      return bySecond != 0 ? bySecond : Integer.compare(nano, o.nano);
    }
  }

  /**
   * A timestamp as sent (a string, or another JSON value as text when {@code json}).
   *
   * @param moment what it denotes when well-formed, else null
   * @param plainYear whether its year is four unsigned digits (the reason then names the bound)
   */
  record Stamp(String kind, String text, boolean json, Moment moment, boolean plainYear) {}

  static final long DAY = 86_400;
  static final Moment EARLIEST = civil(2000, 1, 1, 0, 0, 0, 0);

  private final Random random;
  private final Moment latest;
  private final List<Moment> anchors;

  /**
   * @param receivedAt the collector's (frozen) receive time; the latest accepted instant is five
   *     minutes after it
   */
  EventTimes(long seed, Moment receivedAt) {
    this.random = new Random(seed);
    this.latest = receivedAt.plusNanos(300_000_000_000L);
    this.anchors =
        List.of(
            civil(-999_999_999, 1, 1, 0, 0, 0, 0),
            civil(1, 1, 1, 0, 0, 0, 0),
            civil(1850, 6, 15, 12, 0, 0, 0),
            civil(1899, 12, 31, 23, 59, 59, 999_000_000),
            civil(1900, 1, 1, 0, 0, 0, 0),
            civil(1969, 12, 31, 23, 59, 59, 0),
            civil(1970, 1, 1, 0, 0, 0, 0),
            civil(1999, 12, 31, 23, 59, 59, 999_000_000),
            EARLIEST,
            latest,
            civil(2262, 4, 11, 23, 47, 16, 854_775_807),
            civil(2262, 4, 11, 23, 47, 16, 854_775_808),
            civil(2299, 12, 31, 23, 59, 59, 999_000_000),
            civil(2300, 1, 1, 0, 0, 0, 0),
            civil(9999, 12, 31, 23, 59, 59, 999_999_999),
            civil(999_999_999, 12, 31, 23, 59, 59, 999_999_999));
  }

  Moment latest() {
    return latest;
  }

  /** Whether the collector must accept the stamp: well-formed and within both bounds. */
  boolean inBounds(Stamp stamp) {
    return stamp.moment() != null
        && stamp.moment().compareTo(EARLIEST) >= 0
        && stamp.moment().compareTo(latest) <= 0;
  }

  Stamp next() {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> wellFormed("anchor", nearAnchor());
      case 3, 4 -> wellFormed("in bounds", between(EARLIEST, latest));
      case 5 -> wellFormed("any year", anyYear());
      default -> malformed(nearAnchor());
    };
  }

  /** An anchor, or one nanosecond, millisecond or second either side of it. */
  private Moment nearAnchor() {
    Moment anchor = anchors.get(random.nextInt(anchors.size()));
    long[] steps = {0, 0, 1, -1, 1_000_000, -1_000_000, 1_000_000_000L, -1_000_000_000L};
    return anchor.plusNanos(steps[random.nextInt(steps.length)]);
  }

  private Moment between(Moment from, Moment to) {
    long seconds =
        from.epochSecond() + (long) (random.nextDouble() * (to.epochSecond() - from.epochSecond()));
    Moment m = new Moment(seconds, random.nextInt(1_000_000_000));
    return m.compareTo(to) > 0 ? to : m;
  }

  private Moment anyYear() {
    long year =
        random.nextBoolean() ? 1 + random.nextInt(9999) : (long) (random.nextGaussian() * 2e8);
    year = Math.max(-999_999_999, Math.min(999_999_999, year));
    return civil(
        year,
        1 + random.nextInt(12),
        1 + random.nextInt(28),
        random.nextInt(24),
        random.nextInt(60),
        random.nextInt(60),
        random.nextInt(1_000_000_000));
  }

  /** The moment written in a random offset and precision, as a well-formed text. */
  private Stamp wellFormed(String kind, Moment m) {
    int offset = offsetSeconds();
    Fields f = fields(m, offset);
    int digits = fractionDigits(m.nano());
    String text = f.date() + (random.nextInt(20) == 0 ? "t" : "T") + f.time(digits) + zone(offset);
    return new Stamp(kind, text, false, m, f.plainYear());
  }

  /** Text near a real moment, wrong in one way that ISO-8601 with offset does not allow. */
  private Stamp malformed(Moment m) {
    if (m.compareTo(civil(10_000, 1, 1, 0, 0, 0, 0)) >= 0
        || m.compareTo(civil(0, 1, 1, 0, 0, 0, 0)) < 0) {
      m = between(EARLIEST, latest); // a four-digit year, where only the fault can refuse it
    }
    int offset = offsetSeconds();
    Fields f = fields(m, offset);
    String time = f.time(fractionDigits(m.nano()));
    String zone = zone(offset);
    String good = f.date() + "T" + time + zone;
    return switch (random.nextInt(17)) {
      case 0 ->
          bad(
              "leap second",
              f.date() + "T" + time.substring(0, 6) + "60" + time.substring(8) + zone);
      case 1 -> bad("hour 24", f.date() + "T24" + time.substring(2) + zone);
      case 2 -> bad("offset beyond 18:00", f.date() + "T" + time + beyond18());
      case 3 ->
          bad(
              "ten or more fraction digits",
              f.date()
                  + "T"
                  + time.substring(0, 8)
                  + "."
                  + digits(10 + random.nextInt(random.nextInt(50) == 0 ? 2_000 : 20))
                  + zone);
      case 4 -> bad("no offset", f.date() + "T" + time);
      case 5 -> bad("space before", " " + good);
      case 6 -> bad("space after", good + (random.nextBoolean() ? " " : "\t"));
      case 7 -> bad("unicode digits", unicodeDigits(good));
      case 8 -> bad("no such day", f.yearText() + "-" + impossibleDay() + "T" + time + zone);
      case 9 ->
          bad(
              "month 13 or 00",
              f.yearText() + (random.nextBoolean() ? "-13-01" : "-00-15") + "T" + time + zone);
      case 10 -> bad("garbage", garbage());
      case 11 -> bad("date only", f.date() + zone);
      case 12 ->
          bad(
              "offset without colon",
              f.date()
                  + "T"
                  + time
                  + (zone.equalsIgnoreCase("z") ? "+0000" : zone.replace(":", "")));
      case 13 -> new Stamp("number", Long.toString(m.epochSecond()), true, null, true);
      case 14 ->
          new Stamp(
              "json value",
              List.of("null", "true", "{}", "[]", "1.5e308").get(random.nextInt(5)),
              true,
              null,
              true);
      case 15 -> bad("empty", "");
      default ->
          bad(
              "second 61 or minute 60",
              f.date()
                  + "T"
                  + time.substring(0, 3)
                  + (random.nextBoolean()
                      ? "60" + time.substring(5)
                      : time.substring(3, 6) + "61" + time.substring(8))
                  + zone);
    };
  }

  private static Stamp bad(String kind, String text) {
    return new Stamp(kind, text, false, null, true);
  }

  private int offsetSeconds() {
    return switch (random.nextInt(6)) {
      case 0 -> 0;
      case 1 -> 18 * 3600;
      case 2 -> -18 * 3600;
      case 3 -> (random.nextInt(37) - 18) * 3600;
      default -> (random.nextInt(36 * 60 + 1) - 18 * 60) * 60;
    };
  }

  /** {@code Z} (sometimes lowercase) for zero, else {@code ±HH:MM}; {@code -00:00} at times. */
  private String zone(int offsetSeconds) {
    if (offsetSeconds == 0) {
      return switch (random.nextInt(5)) {
        case 0 -> "+00:00";
        case 1 -> "-00:00";
        case 2 -> "z";
        default -> "Z";
      };
    }
    int minutes = Math.abs(offsetSeconds) / 60;
    return String.format(
        Locale.ROOT, "%s%02d:%02d", offsetSeconds < 0 ? "-" : "+", minutes / 60, minutes % 60);
  }

  private String beyond18() {
    int minutes = 18 * 60 + 1 + random.nextInt(6 * 60);
    return String.format(
        Locale.ROOT, "%s%02d:%02d", random.nextBoolean() ? "+" : "-", minutes / 60, minutes % 60);
  }

  /** Enough digits to write the nanoseconds exactly, sometimes more, up to nine; 0: none. */
  private int fractionDigits(int nano) {
    int needed = 9;
    for (int n = nano; needed > 0 && n % 10 == 0; n /= 10) {
      needed--;
    }
    return needed + random.nextInt(10 - needed);
  }

  private String impossibleDay() {
    return List.of("02-30", "02-31", "04-31", "06-31", "09-31", "11-31", "01-32", "01-00")
        .get(random.nextInt(8));
  }

  private String digits(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append((char) ('0' + random.nextInt(10)));
    }
    return s.toString();
  }

  private String unicodeDigits(String text) {
    char zero = "\u0660\u06f0\u0966\uff10\u1810".charAt(random.nextInt(5));
    StringBuilder s = new StringBuilder(text);
    int at;
    do {
      at = random.nextInt(s.length());
    } while (s.charAt(at) < '0' || s.charAt(at) > '9');
    s.setCharAt(at, (char) (zero + (s.charAt(at) - '0')));
    return s.toString();
  }

  /** Characters no timestamp holds, so that no draw is well-formed by chance. */
  private String garbage() {
    String alphabet = "0123456789-:T.Z+ #@éü日\u0000\u202e😀";
    StringBuilder s = new StringBuilder("#");
    for (int n = random.nextInt(40); n > 0; n--) {
      s.appendCodePoint(
          alphabet.codePointAt(
              alphabet.offsetByCodePoints(
                  0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    return random.nextBoolean() ? s.toString() : s.reverse().toString();
  }

  // ---- calendar arithmetic, independent of java.time ----

  /** Local date and time fields of a moment seen at an offset. */
  record Fields(long year, int month, int day, int hour, int minute, int second, int nano) {

    boolean plainYear() {
      return year >= 0 && year <= 9999;
    }

    String yearText() {
      if (plainYear()) {
        return String.format(Locale.ROOT, "%04d", year);
      }
      return (year < 0 ? "-" : "+") + String.format(Locale.ROOT, "%04d", Math.abs(year));
    }

    String date() {
      return yearText() + String.format(Locale.ROOT, "-%02d-%02d", month, day);
    }

    String time(int fractionDigits) {
      String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", hour, minute, second);
      if (fractionDigits == 0) {
        return hms;
      }
      String nanos = String.format(Locale.ROOT, "%09d", nano);
      return hms + "." + nanos.substring(0, fractionDigits);
    }
  }

  static Fields fields(Moment m, int offsetSeconds) {
    long local = m.epochSecond() + offsetSeconds;
    long days = Math.floorDiv(local, DAY);
    long secondOfDay = Math.floorMod(local, DAY);
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return new Fields(
        year,
        month,
        day,
        (int) (secondOfDay / 3600),
        (int) (secondOfDay / 60 % 60),
        (int) (secondOfDay % 60),
        m.nano());
  }

  static Moment civil(long year, int month, int day, int hour, int minute, int second, int nano) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146_097 + doe - 719_468;
    return new Moment(days * DAY + hour * 3600L + minute * 60L + second, nano);
  }
}
