package dev.tenantpulse.billing.reconcile;

import dev.tenantpulse.billing.usage.ClickHouseTarget;
import dev.tenantpulse.billing.usage.WarehouseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Writes {@link ReconciliationRow}s to {@code billing_reconciliation} (V009). */
public final class ReconciliationTable {

  private final ClickHouseTarget target;

  public ReconciliationTable(ClickHouseTarget target) {
    this.target = target;
  }

  /** Rows with one version above every earlier write of theirs ({@code nowMillis}). */
  public void write(List<ReconciliationRow> rows, long nowMillis) {
    if (rows.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO "
            + target.table("billing_reconciliation")
            + " (hour, tenant_id, meter, stripe_event_name, measured_quantity, measured_units,"
            + " exported_units, difference_units, status, last_error, updated_at, version)"
            + " VALUES (toDateTime(?, 'UTC'), ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " fromUnixTimestamp64Milli(?, 'UTC'), ?)";
    try (Connection c = target.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (ReconciliationRow r : rows) {
        s.setLong(1, r.hour().getEpochSecond());
        s.setString(2, r.tenantId());
        s.setString(3, r.meter());
        s.setString(4, r.stripeEventName());
        s.setDouble(5, r.measuredQuantity());
        s.setLong(6, r.measuredUnits());
        s.setLong(7, r.exportedUnits());
        s.setLong(8, r.differenceUnits());
        s.setString(9, r.status());
        if (r.lastError() == null) {
          s.setNull(10, Types.VARCHAR);
        } else {
          s.setString(10, r.lastError());
        }
        s.setLong(11, nowMillis);
        s.setLong(12, nowMillis);
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new WarehouseException("writing billing_reconciliation failed", e);
    }
  }
}
