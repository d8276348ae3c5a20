package dev.tenantpulse.flink.sink;

import dev.tenantpulse.flink.rejected.RejectedRecord;
import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * How rows of one type become INSERTs into one table of the {@code tenant_pulse} database.
 *
 * <p>The job writes every table by name with its own statements (it may not depend on the Java 25
 * warehouse module), so each row type owns its column list and binding here, next to the row. The
 * sink builds {@code INSERT INTO tenant_pulse.<table> (<columns>) VALUES (?, …)} and batches it;
 * rows carry their own {@code version}, so writing one twice (a retry, a restart from checkpoint)
 * replaces rather than adds.
 *
 * @param <T> the row type
 */
public interface TableWriter<T> extends Serializable {

  /** Table name inside the {@code tenant_pulse} database, e.g. {@code usage_daily}. */
  String table();

  /** Column names in the order {@link #bind} sets them. */
  List<String> columns();

  /** Sets parameters 1..columns().size() of {@code statement} from {@code row}. */
  void bind(PreparedStatement statement, T row) throws SQLException;

  /**
   * The partition of the table {@code row} lands in, in ClickHouse's partition id form (e.g. {@code
   * 202601} for {@code toYYYYMM}), or null when the table is not partitioned. The sink splits a
   * batch by it when one INSERT would create more partitions than the engine allows ({@code
   * max_partitions_per_insert_block}, 100 by default): an import spanning decades of months.
   */
  default String partition(T row) {
    return null;
  }

  /**
   * The dead letter of a row this table refused ({@code reason}: the engine's error). By default
   * the row's text without a tenant; writers of per-tenant or per-event rows say whose it is.
   */
  default RejectedRecord rejected(T row, String reason, long rejectedAt) {
    return RejectedRecord.ofRow(
        RejectedRecord.sinkStage(table()), reason, "", String.valueOf(row), rejectedAt);
  }
}
