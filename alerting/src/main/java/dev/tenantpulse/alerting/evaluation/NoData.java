package dev.tenantpulse.alerting.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * "No data" is an alert state of its own: when the newest row of a rule's table is older than the
 * rule's {@code no_data_after}, the pipeline stopped writing and the rule cannot judge anything. A
 * table without any row is {@link Observation.Outcome#NO_ROW_YET}: a fresh install and a pipeline
 * that never wrote look alike here, and {@link FirstDataGrace} tells them apart.
 */
final class NoData {

  private NoData() {}

  /**
   * @param newest the point in time the newest row covers up to (end of its hour, day or week)
   * @param what what that point is, for the message
   */
  static Optional<Observation> check(
      Optional<Instant> newest, Instant now, Duration allowed, String what) {
    if (newest.isEmpty()) {
      return Optional.of(Observation.noRowYet(what + " has no row yet"));
    }
    Duration lag = Duration.between(newest.get(), now);
    if (lag.compareTo(allowed) > 0) {
      return Optional.of(
          Observation.noData(
              "no data: "
                  + what
                  + " is "
                  + newest.get()
                  + ", "
                  + lag.toMinutes()
                  + " min behind (allowed: "
                  + allowed.toMinutes()
                  + " min): the metric stopped being written"));
    }
    return Optional.empty();
  }
}
