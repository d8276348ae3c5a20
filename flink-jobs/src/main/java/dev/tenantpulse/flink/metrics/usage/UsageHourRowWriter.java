package dev.tenantpulse.flink.metrics.usage;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** Writes {@link UsageHourRow}s to {@code usage_hourly}. */
public final class UsageHourRowWriter implements TableWriter<UsageHourRow> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "usage_hourly";
  }

  @Override
  public List<String> columns() {
    return List.of("hour", "tenant_id", "meter", "quantity", "computed_at", "version");
  }

  @Override
  public void bind(PreparedStatement s, UsageHourRow row) throws SQLException {
    Binds.instant(s, 1, row.hour());
    s.setString(2, row.tenantId());
    s.setString(3, row.meter());
    s.setDouble(4, row.quantity());
    Binds.instant(s, 5, row.computedAt());
    s.setLong(6, row.version());
  }

  /** {@code PARTITION BY toYYYYMM(hour)} (V008). */
  @Override
  public String partition(UsageHourRow row) {
    ZonedDateTime t = row.hour().atZone(ZoneOffset.UTC);
    return Integer.toString(t.getYear() * 100 + t.getMonthValue());
  }

  @Override
  public RejectedRecord rejected(UsageHourRow row, String reason, long rejectedAt) {
    return RejectedRecord.ofRow(
        RejectedRecord.sinkStage(table()), reason, row.tenantId(), String.valueOf(row), rejectedAt);
  }
}
