package dev.tenantpulse.standalone.e2e;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Event timestamps at and beyond every edge a pipeline can trip on: the contract's bounds, the
 * epoch, {@code DateTime64}'s range, {@code Instant}'s and {@code long} nanoseconds' ends, leap
 * seconds, extreme offsets and fractions. The collector decides which it accepts; the end-to-end
 * test only needs them to reach it, in every combination, and the pipeline to stay up.
 */
final class EdgeTimestamps {

  private static final List<String> DATES =
      List.of(
          "-999999999-01-01T00:00:00",
          "+999999999-12-31T23:59:59",
          "0000-01-01T00:00:00",
          "0001-01-01T00:00:00",
          "1850-06-15T12:00:00",
          "1899-12-31T23:59:59",
          "1900-01-01T00:00:00",
          "1969-12-31T23:59:59",
          "1970-01-01T00:00:00",
          "1999-12-31T23:59:59",
          "2000-01-01T00:00:00",
          "2016-12-31T23:59:60",
          "2262-04-11T23:47:16",
          "2299-12-31T23:59:59",
          "2300-01-01T00:00:00",
          "9999-12-31T23:59:59");

  private static final List<String> FRACTIONS =
      List.of("", ".999", ".000000001", ".854775808", ".9999999999", "." + "9".repeat(200));

  private static final List<String> OFFSETS =
      List.of("Z", "z", "+00:00", "+18:00", "-18:00", "+18:01", "-23:59", "+14:00");

  private EdgeTimestamps() {}

  /** {@code count} texts: every edge with random fractions and offsets, and the current time. */
  static List<String> generate(long seed, int count, Instant now) {
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String date =
          i % 10 == 0
              ? now.minusSeconds(random.nextInt(3_600)).toString().substring(0, 19)
              : DATES.get(random.nextInt(DATES.size()));
      texts.add(
          date
              + FRACTIONS.get(random.nextInt(FRACTIONS.size()))
              + OFFSETS.get(random.nextInt(OFFSETS.size())));
    }
    return texts;
  }
}
