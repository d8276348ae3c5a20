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
 * @param processCpu CPU time this whole process spent in the window (the generator's own, or, in
 *     the one-process benchmark, the collector's, the broker's and the generator's); zero when the
 *     JVM cannot tell
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
    Map<String, Long> failures,
    Duration processCpu) {

  public double eventsPerSecond() {
    return acceptedEvents / seconds();
  }

  public double requestsPerSecond() {
    return requests / seconds();
  }

  /** Process CPU milliseconds per 1,000 accepted events: the cost, whatever the rate. */
  public double cpuMillisPerThousandEvents() {
    return acceptedEvents == 0 ? Double.NaN : processCpu.toNanos() / 1e6 / (acceptedEvents / 1e3);
  }

  public long failureCount() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  private double seconds() {
    return Math.max(1e-9, elapsed.toNanos() / 1e9);
  }

  @Override
  public String toString() {
    return "%,.0f events/s accepted, %,.1f requests/s%s, latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %,d requests in %.1f s; failures %s; process CPU %.1f ms per 1,000 events"
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
            failures.isEmpty() ? "none" : failures,
            cpuMillisPerThousandEvents());
  }
}
