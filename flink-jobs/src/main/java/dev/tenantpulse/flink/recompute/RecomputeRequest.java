package dev.tenantpulse.flink.recompute;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What to recompute: the rows of [from, to) (hour ends, day and cohort-week starts, signup times),
 * from the events stored in {@code events} or from the Kafka topic.
 */
public record RecomputeRequest(Instant from, Instant to, Source source) {

  /** Where the events come from. */
  public enum Source {
    /** Every event stored in {@code events} (late ones included): the default. */
    EVENTS,
    /** The topic from its earliest retained offset to its end: when {@code events} is suspect. */
    KAFKA;

    public static Source parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--source must be events or kafka, got '" + text + "'");
      }
    }
  }

  public RecomputeRequest {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(source, "source");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--from must be before --to: " + from + " .. " + to);
    }
  }

  public static RecomputeRequest of(Instant from, Instant to) {
    return new RecomputeRequest(from, to, Source.EVENTS);
  }
}
