package dev.tenantpulse.billing.ledger;

/**
 * A closed hour as measured: its usage in the meter's quantity and what it amounts to at Stripe in
 * whole units (its share of the month's running total, see {@code export.Targets}).
 */
public record LedgerWindow(WindowKey key, double measuredQuantity, long targetUnits) {}
