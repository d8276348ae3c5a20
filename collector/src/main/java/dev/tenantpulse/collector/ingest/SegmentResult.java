package dev.tenantpulse.collector.ingest;

import java.util.List;

/**
 * The answer to a Segment batch: the native answer plus {@code success}, which Segment SDKs and
 * tools look for. {@code success} is true when every message was accepted.
 */
public record SegmentResult(boolean success, int accepted, List<Rejection> rejected) {

  static SegmentResult of(IngestResult result) {
    return new SegmentResult(result.rejected().isEmpty(), result.accepted(), result.rejected());
  }
}
