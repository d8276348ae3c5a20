package dev.tenantpulse.flink.source;

import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Where a job without checkpoint state starts reading (a restored job always continues from its
 * checkpointed offsets).
 *
 * @param timestamp for {@link Kind#TIMESTAMP}: the first record with a record timestamp (receive
 *     time) at or after it
 */
public record StartingOffsets(Kind kind, Instant timestamp) implements Serializable {

  public enum Kind {
    /**
     * The group's committed offsets, else the earliest: a redeployed job resumes, a new one reads
     * all.
     */
    COMMITTED,
    EARLIEST,
    LATEST,
    TIMESTAMP
  }

  public static final StartingOffsets COMMITTED = new StartingOffsets(Kind.COMMITTED, null);
  public static final StartingOffsets EARLIEST = new StartingOffsets(Kind.EARLIEST, null);

  /** {@code committed}, {@code earliest}, {@code latest}, or an ISO-8601 instant. */
  public static StartingOffsets parse(String text) {
    switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "committed":
        return COMMITTED;
      case "earliest":
        return EARLIEST;
      case "latest":
        return new StartingOffsets(Kind.LATEST, null);
      default:
        try {
          return new StartingOffsets(Kind.TIMESTAMP, Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(
              "expected committed, earliest, latest or an instant like 2026-01-05T00:00:00Z");
        }
    }
  }

  OffsetsInitializer initializer() {
    return switch (kind) {
      case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
      case EARLIEST -> OffsetsInitializer.earliest();
      case LATEST -> OffsetsInitializer.latest();
      case TIMESTAMP -> OffsetsInitializer.timestamp(timestamp.toEpochMilli());
    };
  }

  @Override
  public String toString() {
    return kind == Kind.TIMESTAMP ? timestamp.toString() : kind.name().toLowerCase();
  }
}
