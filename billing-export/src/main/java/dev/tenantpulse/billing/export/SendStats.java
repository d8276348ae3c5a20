package dev.tenantpulse.billing.export;

import dev.tenantpulse.billing.ledger.Send;
import java.util.List;

/**
 * What a round of sends did.
 *
 * @param accepted the sends Stripe accepted (settled as sent)
 * @param leftPending the sends still pending after their attempts (retried next cycle)
 * @param refused the sends Stripe refused (their tenants are stopped)
 * @param rateLimited how many calls Stripe answered with 429
 * @param transientFailures how many calls ended in a 5xx, a timeout or a dropped connection
 */
public record SendStats(
    List<Send> accepted,
    List<Send> leftPending,
    List<Send> refused,
    long rateLimited,
    long transientFailures) {}
