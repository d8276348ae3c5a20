package dev.tenantpulse.collector.ingest;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What surrounds the messages of one request: the batch's {@code context} and {@code sentAt}, the
 * call a single-message endpoint names ({@code /v1/track} → {@code track}), and when it arrived.
 *
 * @param context the batch-level {@code context}, or null
 * @param sentAt the batch-level {@code sentAt}, or null; a message's own wins
 * @param endpointCall the call the endpoint's path names, or null for the batch endpoints
 */
record SegmentEnvelope(JsonNode context, JsonNode sentAt, String endpointCall, Instant receivedAt) {

  static SegmentEnvelope batch(JsonNode body, Instant receivedAt) {
    return new SegmentEnvelope(body.get("context"), body.get("sentAt"), null, receivedAt);
  }

  /** A single message's envelope: its context and sentAt are its own, read per message. */
  static SegmentEnvelope single(String call, Instant receivedAt) {
    return new SegmentEnvelope(null, null, call, receivedAt);
  }
}
