package dev.tenantpulse.flink.metrics.usage;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes the rows of one usage table: its period column first, then the columns the daily, hourly
 * and monthly tables share ({@code tenant_id, meter, quantity, computed_at, version}).
 */
abstract class UsageRowWriter<R extends UsageRow> implements TableWriter<R> {

  private static final long serialVersionUID = 1L;

  private final String table;
  private final String periodColumn;

  UsageRowWriter(String table, String periodColumn) {
    this.table = table;
    this.periodColumn = periodColumn;
  }

  /** Sets parameter 1, the row's period. */
  abstract void bindPeriod(PreparedStatement s, R row) throws SQLException;

  @Override
  public final String table() {
    return table;
  }

  @Override
  public final List<String> columns() {
    return List.of(periodColumn, "tenant_id", "meter", "quantity", "computed_at", "version");
  }

  @Override
  public final void bind(PreparedStatement s, R row) throws SQLException {
    bindPeriod(s, row);
    s.setString(2, row.tenantId());
    s.setString(3, row.meter());
    s.setDouble(4, row.quantity());
    Binds.instant(s, 5, row.computedAt());
    s.setLong(6, row.version());
  }

  @Override
  public final RejectedRecord rejected(R row, String reason, long rejectedAt) {
    return RejectedRecord.ofRow(
        RejectedRecord.sinkStage(table), reason, row.tenantId(), String.valueOf(row), rejectedAt);
  }
}
