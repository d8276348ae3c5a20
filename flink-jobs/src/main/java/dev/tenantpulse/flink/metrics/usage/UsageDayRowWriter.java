package dev.tenantpulse.flink.metrics.usage;

import dev.tenantpulse.flink.metrics.Binds;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes {@link UsageDayRow}s to {@code usage_daily}. */
public final class UsageDayRowWriter extends UsageRowWriter<UsageDayRow> {

  private static final long serialVersionUID = 1L;

  public UsageDayRowWriter() {
    super("usage_daily", "day");
  }

  @Override
  void bindPeriod(PreparedStatement s, UsageDayRow row) throws SQLException {
    Binds.date(s, 1, row.day());
  }

  /** {@code PARTITION BY toYYYYMM(day)} (V005). */
  @Override
  public String partition(UsageDayRow row) {
    return Integer.toString(row.day().getYear() * 100 + row.day().getMonthValue());
  }
}
