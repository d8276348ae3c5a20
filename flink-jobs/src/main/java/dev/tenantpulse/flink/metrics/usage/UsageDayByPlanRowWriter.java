package dev.tenantpulse.flink.metrics.usage;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes {@link UsageDayByPlanRow}s to {@code usage_daily_by_plan}. */
public final class UsageDayByPlanRowWriter implements TableWriter<UsageDayByPlanRow> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "usage_daily_by_plan";
  }

  @Override
  public List<String> columns() {
    return List.of("day", "plan", "meter", "quantity", "tenants", "computed_at", "version");
  }

  @Override
  public void bind(PreparedStatement s, UsageDayByPlanRow row) throws SQLException {
    Binds.date(s, 1, row.day());
    s.setString(2, row.plan());
    s.setString(3, row.meter());
    s.setDouble(4, row.quantity());
    s.setLong(5, row.tenants());
    Binds.instant(s, 6, row.computedAt());
    s.setLong(7, row.version());
  }

  /** {@code PARTITION BY toYear(day)} (V007). */
  @Override
  public String partition(UsageDayByPlanRow row) {
    return Integer.toString(row.day().getYear());
  }
}
