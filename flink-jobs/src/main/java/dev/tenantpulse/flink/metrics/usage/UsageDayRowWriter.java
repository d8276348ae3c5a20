package dev.tenantpulse.flink.metrics.usage;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes {@link UsageDayRow}s to {@code usage_daily}. */
public final class UsageDayRowWriter implements TableWriter<UsageDayRow> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "usage_daily";
  }

  @Override
  public List<String> columns() {
    return List.of("day", "tenant_id", "meter", "quantity", "computed_at", "version");
  }

  @Override
  public void bind(PreparedStatement s, UsageDayRow row) throws SQLException {
    Binds.date(s, 1, row.day());
    s.setString(2, row.tenantId());
    s.setString(3, row.meter());
    s.setDouble(4, row.quantity());
    Binds.instant(s, 5, row.computedAt());
    s.setLong(6, row.version());
  }

  /** {@code PARTITION BY toYYYYMM(day)} (V005). */
  @Override
  public String partition(UsageDayRow row) {
    return Integer.toString(row.day().getYear() * 100 + row.day().getMonthValue());
  }

  @Override
  public RejectedRecord rejected(UsageDayRow row, String reason, long rejectedAt) {
    return RejectedRecord.ofRow(
        RejectedRecord.sinkStage(table()), reason, row.tenantId(), String.valueOf(row), rejectedAt);
  }
}
