package dev.tenantpulse.billing.ledger;

import java.util.Locale;

/** Where a meter event stands: recorded before the call, settled after it. */
public enum SendState {
  /** Recorded, not yet known to be at Stripe: sent (again, same identifier) by the next cycle. */
  PENDING,
  /** Stripe accepted it. */
  SENT,
  /** Stripe refused it (4xx other than 429): not at Stripe, the tenant's export is stopped. */
  FAILED;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SendState fromDb(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
