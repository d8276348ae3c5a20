package dev.tenantpulse.collector.reads;

import java.util.Locale;
import java.util.Optional;

/** The bucket of a usage read. */
public enum Granularity {
  HOUR,
  DAY,
  MONTH;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Granularity> parse(String text) {
    for (Granularity g : values()) {
      if (g.wireName().equals(text)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }
}
