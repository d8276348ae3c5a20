package dev.tenantpulse.tenancy.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@link DateTimeFormatter#ISO_INSTANT}'s text of an instant, written without the formatter for the
 * years 0–9999 (every storable event): the general formatter was a visible share of the CPU the
 * collector and the job spend encoding events. Fractions print as ISO_INSTANT prints them: none
 * when zero, else in groups of three digits.
 */
final class IsoInstants {

  private IsoInstants() {}

  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < -62_167_219_200L || seconds > 253_402_300_799L) { // outside 0000–9999
      return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    char[] out = new char[30];
    int n = 0;
    n = digits(out, n, t.getYear(), 4);
    out[n++] = '-';
    n = digits(out, n, t.getMonthValue(), 2);
    out[n++] = '-';
    n = digits(out, n, t.getDayOfMonth(), 2);
    out[n++] = 'T';
    n = digits(out, n, t.getHour(), 2);
    out[n++] = ':';
    n = digits(out, n, t.getMinute(), 2);
    out[n++] = ':';
    n = digits(out, n, t.getSecond(), 2);
    int nanos = instant.getNano();
    if (nanos != 0) {
      out[n++] = '.';
      if (nanos % 1_000_000 == 0) {
        n = digits(out, n, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        n = digits(out, n, nanos / 1_000, 6);
      } else {
        n = digits(out, n, nanos, 9);
      }
    }
    out[n++] = 'Z';
    return new String(out, 0, n);
  }

  private static int digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
