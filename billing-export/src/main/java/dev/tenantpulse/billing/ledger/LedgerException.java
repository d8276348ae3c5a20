package dev.tenantpulse.billing.ledger;

/** The metadata database failed: the cycle stops, nothing is sent without its record. */
public final class LedgerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LedgerException(String message, Throwable cause) {
    super(message, cause);
  }
}
