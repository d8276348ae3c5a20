package dev.tenantpulse.flink.metrics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;

/** Whole UTC hours, days and ISO weeks in epoch milliseconds, as the metric windows use them. */
public final class UtcTime {

  public static final long HOUR_MS = 3_600_000L;
  public static final long DAY_MS = 24 * HOUR_MS;

  private UtcTime() {}

  public static long floorHour(long ms) {
    return Math.floorDiv(ms, HOUR_MS) * HOUR_MS;
  }

  public static long floorDay(long ms) {
    return Math.floorDiv(ms, DAY_MS) * DAY_MS;
  }

  public static LocalDate day(long ms) {
    return LocalDate.ofEpochDay(Math.floorDiv(ms, DAY_MS));
  }

  public static long dayStart(LocalDate day) {
    return day.toEpochDay() * DAY_MS;
  }

  /** The Monday (UTC) of the ISO week holding {@code ms}. */
  public static LocalDate monday(long ms) {
    LocalDate d = day(ms);
    return d.minusDays(d.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
  }

  public static Instant instant(long ms) {
    return Instant.ofEpochMilli(ms);
  }
}
