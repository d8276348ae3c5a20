package dev.tenantpulse.flink.metrics.active;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes {@link ActiveHourRow}s to {@code active_tenants_hourly}. */
public final class ActiveHourRowWriter implements TableWriter<ActiveHourRow> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "active_tenants_hourly";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "window_end", "active_24h", "weekly_avg", "drop_ratio", "computed_at", "version");
  }

  @Override
  public void bind(PreparedStatement s, ActiveHourRow row) throws SQLException {
    Binds.instant(s, 1, row.windowEnd());
    s.setLong(2, row.active24h());
    Binds.dbl(s, 3, row.weeklyAvg());
    Binds.dbl(s, 4, row.dropRatio());
    Binds.instant(s, 5, row.computedAt());
    s.setLong(6, row.version());
  }
}
