package dev.tenantpulse.billing.export;

import dev.tenantpulse.billing.ledger.Send;
import dev.tenantpulse.billing.ledger.WindowBalance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * What one export cycle found and did.
 *
 * @param closedUntil windows starting before this were considered (the grace applied)
 * @param windowsRead closed hours read from usage_hourly
 * @param windowsChanged hours whose measured total is new or changed since the previous cycle
 * @param planned the sends of this cycle (made unless dry-run): resent pending ones and new
 *     revisions
 * @param expired windows owing units that are too old for Stripe (35 days): never sent, reported
 * @param skippedTenants tenants owing units without a Stripe customer id
 * @param stoppedTenants tenants whose export is stopped, with the reason
 * @param stats what the sends did; null in dry-run
 */
public record CycleReport(
    Instant closedUntil,
    int windowsRead,
    int windowsChanged,
    List<Send> planned,
    List<WindowBalance> expired,
    SortedSet<String> skippedTenants,
    Map<String, String> stoppedTenants,
    boolean dryRun,
    SendStats stats) {}
