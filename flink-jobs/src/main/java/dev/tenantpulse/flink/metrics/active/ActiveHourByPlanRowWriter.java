package dev.tenantpulse.flink.metrics.active;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes {@link ActiveHourByPlanRow}s to {@code active_tenants_hourly_by_plan}. */
public final class ActiveHourByPlanRowWriter implements TableWriter<ActiveHourByPlanRow> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "active_tenants_hourly_by_plan";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "window_end", "plan", "active_24h", "weekly_avg", "drop_ratio", "computed_at", "version");
  }

  @Override
  public void bind(PreparedStatement s, ActiveHourByPlanRow row) throws SQLException {
    Binds.instant(s, 1, row.windowEnd());
    s.setString(2, row.plan());
    s.setLong(3, row.active24h());
    Binds.dbl(s, 4, row.weeklyAvg());
    Binds.dbl(s, 5, row.dropRatio());
    Binds.instant(s, 6, row.computedAt());
    s.setLong(7, row.version());
  }
}
