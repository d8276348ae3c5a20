package dev.tenantpulse.billing.ledger;

/**
 * A window's measured total against what the ledger holds for it.
 *
 * @param sentUnits units of its sends Stripe accepted
 * @param pendingUnits units of its sends recorded but not yet settled
 * @param lastRevision the highest revision used, -1 before the first send
 * @param firstCustomer the customer of its first send (corrections go to the customer billed), null
 *     before the first send
 * @param lastError the error of an unsettled or refused send, null when none
 */
public record WindowBalance(
    LedgerWindow window,
    long sentUnits,
    long pendingUnits,
    int lastRevision,
    String firstCustomer,
    String lastError) {

  /** What is still to send: the target less what is at Stripe or on its way. */
  public long owedUnits() {
    return window.targetUnits() - sentUnits - pendingUnits;
  }

  public WindowKey key() {
    return window.key();
  }
}
