package dev.tenantpulse.flink.rejected;

import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A record the job could not process: one row of {@code rejected_events} (the dead letters).
 *
 * @param rejectedAt when it was set aside, epoch milliseconds (the refusing task's wall clock)
 * @param stage where: {@link #DECODE}, {@link #EVENT_TIME}, {@link #LATENESS}, {@link #DEDUP},
 *     {@link #METRICS} or {@code sink:<table>} ({@link #sinkStage})
 * @param reason why, as the job or the engine said it (cut at {@value #MAX_REASON_CHARS} chars)
 * @param tenantId the event's tenant; for a record that is not an event, its Kafka key (the
 *     collector keys by tenant); empty when unknown
 * @param eventId the event's id, empty when unknown
 * @param topic the Kafka topic, empty when unknown (records past the source carry partition and
 *     offset only; {@link RejectedRecordCounter} stamps the job's topic on them)
 * @param partition the Kafka partition, -1 when unknown
 * @param offset the Kafka offset, -1 when unknown
 * @param raw the record as text (cut at {@value #MAX_RAW_CHARS} chars): the Kafka value (prefixed
 *     {@code base64:} when it is not UTF-8), the event as JSON, or a refused row
 */
public record RejectedRecord(
    long rejectedAt,
    String stage,
    String reason,
    String tenantId,
    String eventId,
    String topic,
    int partition,
    long offset,
    String raw) {

  /** The Kafka value is not an event of the contract. */
  public static final String DECODE = "decode";

  /** The event's timestamp (or receive time) is outside what the job and its tables accept. */
  public static final String EVENT_TIME = "event_time";

  public static final String LATENESS = "lateness";
  public static final String DEDUP = "dedup";

  /** The per-tenant metric operator could not count the event (a usage sum beyond double range). */
  public static final String METRICS = "metrics";

  public static final int NO_PARTITION = -1;
  public static final long NO_OFFSET = -1;

  /** A reason past this is cut: an engine message can quote a whole row. */
  static final int MAX_REASON_CHARS = 2_000;

  /** A raw record past this is cut (an event has at most 32 KiB; other producers may send more). */
  static final int MAX_RAW_CHARS = 64 * 1024;

  public RejectedRecord {
    stage = stage == null ? "" : stage;
    reason = cut(reason == null ? "" : reason, MAX_REASON_CHARS);
    tenantId = tenantId == null ? "" : tenantId;
    eventId = eventId == null ? "" : eventId;
    topic = topic == null ? "" : topic;
    raw = cut(raw == null ? "" : raw, MAX_RAW_CHARS);
  }

  /** {@code sink:<table>}: the table refused the row. */
  public static String sinkStage(String table) {
    return "sink:" + table;
  }

  /** A Kafka record refused before it became an event (its key read as the tenant). */
  public static RejectedRecord ofKafka(
      String stage,
      String reason,
      String topic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      long rejectedAt) {
    String tenant = key == null ? "" : utf8(key);
    return new RejectedRecord(
        rejectedAt,
        stage,
        reason,
        tenant == null ? "" : tenant,
        "",
        topic,
        partition,
        offset,
        rawText(value));
  }

  /** A decoded event refused before it became a {@link ReceivedEvent}. */
  public static RejectedRecord ofEvent(
      String stage,
      String reason,
      TenantEvent event,
      String topic,
      int partition,
      long offset,
      byte[] value,
      long rejectedAt) {
    return new RejectedRecord(
        rejectedAt,
        stage,
        reason,
        event.tenantId(),
        event.id(),
        topic,
        partition,
        offset,
        rawText(value));
  }

  /** An event refused past the source: its partition and offset, its JSON. */
  public static RejectedRecord ofEvent(
      String stage, String reason, ReceivedEvent event, long rejectedAt) {
    return new RejectedRecord(
        rejectedAt,
        stage,
        reason,
        event.event().tenantId(),
        event.event().id(),
        "",
        event.partition(),
        event.offset(),
        json(event.event()));
  }

  /** An event refused where its Kafka coordinates are no longer known (past the per-tenant key). */
  public static RejectedRecord ofEvent(
      String stage, String reason, TenantEvent event, long rejectedAt) {
    return new RejectedRecord(
        rejectedAt,
        stage,
        reason,
        event.tenantId(),
        event.id(),
        "",
        NO_PARTITION,
        NO_OFFSET,
        json(event));
  }

  /** A row (of a metric table) refused by its table. */
  public static RejectedRecord ofRow(
      String stage, String reason, String tenantId, String row, long rejectedAt) {
    return new RejectedRecord(
        rejectedAt, stage, reason, tenantId, "", "", NO_PARTITION, NO_OFFSET, row);
  }

  /** This record with {@code topic} when it knows its partition but not its topic. */
  public RejectedRecord withTopicIfMissing(String topic) {
    if (!this.topic.isEmpty() || partition == NO_PARTITION) {
      return this;
    }
    return new RejectedRecord(
        rejectedAt, stage, reason, tenantId, eventId, topic, partition, offset, raw);
  }

  /** The reason of a fault: its message, or its class when it has none. */
  public static String reasonOf(Throwable fault) {
    String message = fault.getMessage();
    return message == null || message.isBlank()
        ? fault.getClass().getSimpleName()
        : fault.getClass().getSimpleName() + ": " + message;
  }

  /** The bytes as UTF-8 text, or {@code base64:…} when they are not UTF-8 (never lossy). */
  static String rawText(byte[] value) {
    if (value == null) {
      return "";
    }
    String text = utf8(value);
    return text != null ? text : "base64:" + Base64.getEncoder().encodeToString(value);
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String json(TenantEvent event) {
    try {
      return new String(new EventCodec().encode(event), StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return String.valueOf(event); // what it holds, even when it cannot be encoded
    }
  }

  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + "… (cut, " + text.length() + " chars)";
  }
}
