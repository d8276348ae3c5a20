package dev.tenantpulse.flink.metrics.onboarding;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes {@link OnboardingTenantRow}s to {@code onboarding_tenants}. */
public final class OnboardingTenantRowWriter implements TableWriter<OnboardingTenantRow> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "onboarding_tenants";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "tenant_id",
        "signed_up_at",
        "cohort_week",
        "signup_plan",
        "step_first_at",
        "completed_at",
        "completion_seconds",
        "completion_negative",
        "first_value_at",
        "first_value_seconds",
        "first_value_negative",
        "computed_at",
        "version");
  }

  @Override
  public void bind(PreparedStatement s, OnboardingTenantRow row) throws SQLException {
    s.setString(1, row.tenantId());
    Binds.instant(s, 2, row.signedUpAt());
    Binds.date(s, 3, row.cohortWeek());
    s.setString(4, row.signupPlan());
    s.setObject(5, row.stepFirstAt());
    Binds.instant(s, 6, row.completedAt());
    Binds.bigint(s, 7, row.completionSeconds());
    s.setInt(8, row.completionNegative() ? 1 : 0);
    Binds.instant(s, 9, row.firstValueAt());
    Binds.bigint(s, 10, row.firstValueSeconds());
    s.setInt(11, row.firstValueNegative() ? 1 : 0);
    Binds.instant(s, 12, row.computedAt());
    s.setLong(13, row.version());
  }

  @Override
  public RejectedRecord rejected(OnboardingTenantRow row, String reason, long rejectedAt) {
    return RejectedRecord.ofRow(
        RejectedRecord.sinkStage(table()), reason, row.tenantId(), String.valueOf(row), rejectedAt);
  }
}
