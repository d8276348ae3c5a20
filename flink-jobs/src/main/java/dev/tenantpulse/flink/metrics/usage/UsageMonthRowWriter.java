package dev.tenantpulse.flink.metrics.usage;

import dev.tenantpulse.flink.metrics.Binds;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes {@link UsageMonthRow}s to {@code usage_monthly}. */
public final class UsageMonthRowWriter extends UsageRowWriter<UsageMonthRow> {

  private static final long serialVersionUID = 1L;

  public UsageMonthRowWriter() {
    super("usage_monthly", "month");
  }

  @Override
  void bindPeriod(PreparedStatement s, UsageMonthRow row) throws SQLException {
    Binds.date(s, 1, row.month());
  }

  /** {@code PARTITION BY toYear(month)} (V007). */
  @Override
  public String partition(UsageMonthRow row) {
    return Integer.toString(row.month().getYear());
  }
}
