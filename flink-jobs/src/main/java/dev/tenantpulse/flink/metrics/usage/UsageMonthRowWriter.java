package dev.tenantpulse.flink.metrics.usage;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes {@link UsageMonthRow}s to {@code usage_monthly}. */
public final class UsageMonthRowWriter implements TableWriter<UsageMonthRow> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "usage_monthly";
  }

  @Override
  public List<String> columns() {
    return List.of("month", "tenant_id", "meter", "quantity", "computed_at", "version");
  }

  @Override
  public void bind(PreparedStatement s, UsageMonthRow row) throws SQLException {
    Binds.date(s, 1, row.month());
    s.setString(2, row.tenantId());
    s.setString(3, row.meter());
    s.setDouble(4, row.quantity());
    Binds.instant(s, 5, row.computedAt());
    s.setLong(6, row.version());
  }

  /** {@code PARTITION BY toYear(month)} (V007). */
  @Override
  public String partition(UsageMonthRow row) {
    return Integer.toString(row.month().getYear());
  }

  @Override
  public RejectedRecord rejected(UsageMonthRow row, String reason, long rejectedAt) {
    return RejectedRecord.ofRow(
        RejectedRecord.sinkStage(table()), reason, row.tenantId(), String.valueOf(row), rejectedAt);
  }
}
