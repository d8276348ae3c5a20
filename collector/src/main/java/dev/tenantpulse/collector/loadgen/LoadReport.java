package dev.tenantpulse.collector.loadgen;

import java.time.Duration;
import java.util.Map;

/**
 * What one measured phase of the load generator saw.
 *
 * @param requests requests started inside the measured window (answered, whatever the status)
 * @param acceptedEvents events the collector answered as accepted (200 answers' {@code accepted})
 * @param elapsed from the window's start to the last of those answers
 * @param targetRequestsPerSecond the fixed rate of an open-loop run; 0 for a closed loop
 * @param failures answers other than 200, by status, and transport errors, by exception
 */
public record LoadReport(
    long requests,
    long acceptedEvents,
    Duration elapsed,
    double targetRequestsPerSecond,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    double maxMillis,
    Map<String, Long> failures) {

  public double eventsPerSecond() {
    return acceptedEvents / seconds();
  }

  public double requestsPerSecond() {
    return requests / seconds();
  }

  public long failureCount() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  private double seconds() {
    return Math.max(1e-9, elapsed.toNanos() / 1e9);
  }

  @Override
  public String toString() {
    return "%,.0f events/s accepted, %,.1f requests/s%s, latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %,d requests in %.1f s; failures %s"
        .formatted(
            eventsPerSecond(),
            requestsPerSecond(),
            targetRequestsPerSecond > 0
                ? " (fixed rate %,.1f/s)".formatted(targetRequestsPerSecond)
                : "",
            p50Millis,
            p95Millis,
            p99Millis,
            maxMillis,
            requests,
            elapsed.toNanos() / 1e9,
            failures.isEmpty() ? "none" : failures);
  }
}
