package dev.tenantpulse.billing.reconcile;

import java.time.Instant;

/**
 * Measured against exported for one closed hour of a tenant's meter (a row of {@code
 * billing_reconciliation}).
 *
 * @param status exported, pending, owed, no_customer, stopped or expired (see V009)
 */
public record ReconciliationRow(
    Instant hour,
    String tenantId,
    String meter,
    String stripeEventName,
    double measuredQuantity,
    long measuredUnits,
    long exportedUnits,
    String status,
    String lastError) {

  public long differenceUnits() {
    return measuredUnits - exportedUnits;
  }
}
