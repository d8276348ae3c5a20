package dev.tenantpulse.flink.events;

import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.sink.TableWriter;
import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Rows of {@code events}: one per first copy of an event, late ones with {@code late = 1}.
 *
 * <p>The version is the receive time in milliseconds (the column's own default, written
 * explicitly): a replay after a restore writes the same row with the same version, so the table
 * holds one row per (tenant_id, event_id) after merges.
 *
 * <p>A row the table refuses becomes a dead letter naming the event, its Kafka topic, partition and
 * offset, and the event as JSON.
 */
public final class EventsTableWriter implements TableWriter<ReceivedEvent> {

  private static final long serialVersionUID = 1L;

  public static final String TABLE = "events";

  private final String topic;

  /** Rows of events read from {@code topic} (what their dead letters name). */
  public EventsTableWriter(String topic) {
    this.topic = topic == null ? "" : topic;
  }

  /** Rows whose topic is not known. */
  public EventsTableWriter() {
    this("");
  }

  private static final List<String> COLUMNS =
      List.of(
          "tenant_id",
          "event_id",
          "type",
          "event_time",
          "received_at",
          "user_id",
          "feature",
          "step",
          "meter",
          "quantity",
          "plan",
          "billing_model",
          "tenancy_model",
          "seats",
          "properties",
          "late",
          "version",
          "stripe_customer_id");

  @Override
  public String table() {
    return TABLE;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  @Override
  public void bind(PreparedStatement s, ReceivedEvent row) throws SQLException {
    TenantEvent e = row.event();
    s.setString(1, e.tenantId());
    s.setString(2, e.id());
    s.setString(3, e.type().wireName());
    s.setObject(4, e.timestamp());
    s.setObject(5, Instant.ofEpochMilli(row.receivedAt()));
    s.setString(6, e.userId());
    s.setString(7, e.feature());
    s.setString(8, e.step());
    s.setString(9, e.meter());
    if (e.quantity() == null) {
      s.setNull(10, Types.DOUBLE);
    } else {
      s.setDouble(10, e.quantity());
    }
    s.setString(11, e.plan());
    s.setString(12, e.billingModel() == null ? null : e.billingModel().wireName());
    s.setString(13, e.tenancyModel() == null ? null : e.tenancyModel().wireName());
    if (e.seats() == null) {
      s.setNull(14, Types.INTEGER);
    } else {
      s.setInt(14, e.seats());
    }
    s.setString(15, e.properties() == null ? "{}" : e.properties());
    s.setInt(16, row.late() ? 1 : 0);
    s.setLong(17, row.receivedAt());
    s.setString(18, e.stripeCustomerId());
  }

  /** {@code PARTITION BY toYYYYMM(event_time)} (V001). */
  @Override
  public String partition(ReceivedEvent row) {
    ZonedDateTime t = row.event().timestamp().atZone(ZoneOffset.UTC);
    return Integer.toString(t.getYear() * 100 + t.getMonthValue());
  }

  @Override
  public RejectedRecord rejected(ReceivedEvent row, String reason, long rejectedAt) {
    return RejectedRecord.ofEvent(RejectedRecord.sinkStage(TABLE), reason, row, rejectedAt)
        .withTopicIfMissing(topic);
  }
}
