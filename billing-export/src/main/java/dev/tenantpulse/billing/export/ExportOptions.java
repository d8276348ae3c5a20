package dev.tenantpulse.billing.export;

import java.time.Duration;
import java.time.Instant;

/**
 * How the exporter runs (bound from {@code tenant-pulse.billing.*} by the service).
 *
 * @param grace how long after an hour's end it is first sent: the pipeline's lateness bound, so
 *     events within lateness are in the first send and only later ones need a correction
 * @param backfillFrom no window before this is ever sent; null: the start of the current UTC month
 * @param dryRun compute and report what would be sent, send nothing, record no send
 * @param callsPerSecond ceiling across all calls (Stripe: 1,000/s live; test mode counts against
 *     the basic limit, so keep it low there)
 * @param concurrency sender threads; each customer and meter is on one of them at a time
 * @param maxAttempts calls per send and cycle before it is left pending for the next cycle
 * @param initialBackoff first wait after a 429, 5xx or timeout (doubled per retry, with jitter)
 * @param maxBackoff longest wait between two attempts
 */
public record ExportOptions(
    Duration grace,
    Instant backfillFrom,
    boolean dryRun,
    double callsPerSecond,
    int concurrency,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff) {

  /** Stripe accepts timestamps within the past 35 days. */
  public static final Duration STRIPE_MAX_AGE = Duration.ofDays(35);

  /** Windows this close to the 35 days are not started: a retry must still be in time. */
  public static final Duration AGE_MARGIN = Duration.ofHours(1);

  public ExportOptions {
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("tenant-pulse.billing.grace must be >= 0, got " + grace);
    }
    if (!(callsPerSecond > 0) || callsPerSecond > 10_000) {
      throw new IllegalArgumentException(
          "tenant-pulse.billing.calls-per-second must be in (0, 10000], got " + callsPerSecond);
    }
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException(
          "tenant-pulse.billing.concurrency must be 1 to 256, got " + concurrency);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "tenant-pulse.billing.max-attempts must be >= 1, got " + maxAttempts);
    }
    new Backoff(initialBackoff, maxBackoff);
  }

  /** Defaults: 1 h grace, 20 calls/s (safe in test mode), 8 threads, backoff 0.5 s to 30 s. */
  public static ExportOptions defaults() {
    return new ExportOptions(
        Duration.ofHours(1), null, false, 20, 8, 6, Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  public ExportOptions withDryRun(boolean dryRun) {
    return new ExportOptions(
        grace,
        backfillFrom,
        dryRun,
        callsPerSecond,
        concurrency,
        maxAttempts,
        initialBackoff,
        maxBackoff);
  }

  public ExportOptions withBackfillFrom(Instant from) {
    return new ExportOptions(
        grace, from, dryRun, callsPerSecond, concurrency, maxAttempts, initialBackoff, maxBackoff);
  }

  Backoff backoff() {
    return new Backoff(initialBackoff, maxBackoff);
  }
}
