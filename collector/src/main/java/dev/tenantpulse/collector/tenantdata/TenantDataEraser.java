package dev.tenantpulse.collector.tenantdata;

import java.util.Map;

/**
 * A tenant's data held outside the warehouse and the collector's own tables (the billing export's
 * ledger, for one), erased with the rest: the runtime that has both registers one. The erasure
 * answers and audits the rows it reports under its table names.
 */
public interface TenantDataEraser {

  /**
   * Deletes every row of {@code tenantId} (exactly that id: no pattern).
   *
   * @return rows deleted per table
   */
  Map<String, Long> erase(String tenantId) throws Exception;
}
