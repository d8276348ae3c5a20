package dev.tenantpulse.flink.metrics.usage;

import dev.tenantpulse.flink.metrics.Binds;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Writes {@link UsageHourRow}s to {@code usage_hourly}. */
public final class UsageHourRowWriter extends UsageRowWriter<UsageHourRow> {

  private static final long serialVersionUID = 1L;

  public UsageHourRowWriter() {
    super("usage_hourly", "hour");
  }

  @Override
  void bindPeriod(PreparedStatement s, UsageHourRow row) throws SQLException {
    Binds.instant(s, 1, row.hour());
  }

  /** {@code PARTITION BY toYYYYMM(hour)} (V008). */
  @Override
  public String partition(UsageHourRow row) {
    ZonedDateTime t = row.hour().atZone(ZoneOffset.UTC);
    return Integer.toString(t.getYear() * 100 + t.getMonthValue());
  }
}
