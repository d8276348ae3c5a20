package dev.tenantpulse.flink.rejected;

import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Writes {@link RejectedRecord}s to {@code rejected_events}. */
public final class RejectedRecordWriter implements TableWriter<RejectedRecord> {

  private static final long serialVersionUID = 1L;

  public static final String TABLE = "rejected_events";

  private static final List<String> COLUMNS =
      List.of(
          "rejected_at",
          "stage",
          "reason",
          "tenant_id",
          "event_id",
          "topic",
          "partition",
          "offset",
          "raw");

  @Override
  public String table() {
    return TABLE;
  }

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  @Override
  public void bind(PreparedStatement s, RejectedRecord row) throws SQLException {
    s.setObject(1, Instant.ofEpochMilli(row.rejectedAt()));
    s.setString(2, row.stage());
    s.setString(3, row.reason());
    s.setString(4, row.tenantId());
    s.setString(5, row.eventId());
    s.setString(6, row.topic());
    s.setInt(7, row.partition());
    s.setLong(8, row.offset());
    s.setString(9, row.raw());
  }

  /** A dead letter refused by the dead-letter table itself has nowhere else to go: kept as is. */
  @Override
  public RejectedRecord rejected(RejectedRecord row, String reason, long rejectedAt) {
    return row;
  }
}
