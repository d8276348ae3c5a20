package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.tenancy.events.EventCodec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;

/**
 * Segment's clock-skew correction: a device's clock may be minutes or years off, so when a message
 * says when the client sent it ({@code sentAt}), the event's time is {@code receivedAt − (sentAt −
 * originalTimestamp)}: the client's own interval between the call and the send, laid on our clock.
 * The client's time is {@code originalTimestamp}, else {@code timestamp} (what Segment's libraries
 * fill). Without {@code sentAt} the message's time is taken as sent (the HTTP API's way to import
 * history); a historical time with {@code sentAt} keeps its distance from the send, so it stays
 * historical.
 */
final class ClockSkew {

  private ClockSkew() {}

  /**
   * The corrected timestamp as ISO-8601 text, or null when the message lacks a readable client time
   * or {@code sentAt} (message-level first, else {@code batchSentAt}).
   */
  static JsonNode corrected(JsonNode message, JsonNode batchSentAt, Instant receivedAt) {
    JsonNode sentAtNode = SegmentMessage.present(message, "sentAt");
    Instant sentAt = instant(sentAtNode != null ? sentAtNode : batchSentAt);
    if (sentAt == null) {
      return null;
    }
    JsonNode clientNode = SegmentMessage.present(message, "originalTimestamp");
    if (clientNode == null) {
      clientNode = SegmentMessage.present(message, "timestamp");
    }
    Instant client = instant(clientNode);
    if (client == null) {
      return null; // unreadable: passed on as sent, for the validator to refuse with its reason
    }
    try {
      Instant corrected =
          receivedAt.minus(Duration.between(client, sentAt)).truncatedTo(ChronoUnit.MILLIS);
      return EventCodec.jsonMapper()
          .getNodeFactory()
          .stringNode(DateTimeFormatter.ISO_INSTANT.format(corrected));
    } catch (DateTimeException | ArithmeticException outOfRange) {
      return null; // years apart beyond what an instant holds: judged uncorrected
    }
  }

  private static Instant instant(JsonNode node) {
    if (node == null || !node.isString()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(node.stringValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeException unreadable) {
      return null;
    }
  }
}
