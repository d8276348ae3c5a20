package dev.tenantpulse.flink.tenant;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes {@link TenantRow}s to {@code tenants}. */
public final class TenantRowWriter implements TableWriter<TenantRow> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "tenants";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "tenant_id",
        "plan",
        "billing_model",
        "tenancy_model",
        "seats",
        "signed_up_at",
        "plan_changed_at",
        "churned_at",
        "updated_at",
        "version");
  }

  @Override
  public void bind(PreparedStatement s, TenantRow row) throws SQLException {
    s.setString(1, row.tenantId());
    s.setString(2, row.plan());
    Binds.string(s, 3, row.billingModel());
    Binds.string(s, 4, row.tenancyModel());
    Binds.integer(s, 5, row.seats());
    Binds.instant(s, 6, row.signedUpAt());
    Binds.instant(s, 7, row.planChangedAt());
    Binds.instant(s, 8, row.churnedAt());
    Binds.instant(s, 9, row.updatedAt());
    s.setLong(10, row.version());
  }

  @Override
  public RejectedRecord rejected(TenantRow row, String reason, long rejectedAt) {
    return RejectedRecord.ofRow(
        RejectedRecord.sinkStage(table()), reason, row.tenantId(), String.valueOf(row), rejectedAt);
  }
}
