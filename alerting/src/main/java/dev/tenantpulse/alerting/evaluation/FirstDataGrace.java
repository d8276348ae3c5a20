package dev.tenantpulse.alerting.evaluation;

import dev.tenantpulse.alerting.AlertingProperties;
import dev.tenantpulse.alerting.rules.Durations;
import dev.tenantpulse.alerting.rules.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * No page for nothing: a rule whose table has never had a row is waiting for its first data, not
 * "no data", until the grace ({@code tenant-pulse.alerting.no-data-grace}) has passed since this
 * install first evaluated a rule. After that an empty table is a broken pipeline and pages as
 * no_data always did. Inside the grace a table whose newest row is older than the rule's {@code
 * no_data_after} waits too: a first start, and the demo's three weeks of history, fill the tables
 * hour by hour from the past, so the newest row lags the clock until the pipeline has caught up.
 * After the grace such a table pages as before.
 *
 * <p>"Has had data" is derived from the table (the evaluator found no row at all: {@link
 * Observation.Outcome#NO_ROW_YET}), not remembered in the metadata: remembering would be a second
 * truth that a restored or recomputed table can contradict, and the one case it would judge
 * differently, a table emptied again, only matters inside the grace, since after it an empty table
 * is no data either way.
 *
 * <p>The wait is the longer of the grace and the rule's {@code no_data_after}, counted from the
 * first evaluation as if a row had arrived then: a daily or weekly table cannot close its first
 * period within a grace sized for hours (onboarding's first complete cohort takes up to a week),
 * and is allowed no less than the rule allows a table that has rows.
 */
@Component
class FirstDataGrace {

  private final FirstEvaluation firstEvaluation;
  private final Duration grace;

  FirstDataGrace(FirstEvaluation firstEvaluation, AlertingProperties properties) {
    this.firstEvaluation = firstEvaluation;
    this.grace = properties.noDataGrace();
  }

  /**
   * Replaces a {@code NO_ROW_YET} observation by {@code WAITING} or {@code NO_DATA}. Records the
   * install's first evaluation on the first call, whatever the tables hold.
   */
  List<Observation> apply(Rule rule, List<Observation> observations, Instant now) {
    return decide(rule, observations, firstEvaluation.startedAt(now), grace, now);
  }

  static List<Observation> decide(
      Rule rule, List<Observation> observations, Instant first, Duration grace, Instant now) {
    Duration wait = grace.compareTo(rule.noDataAfter()) >= 0 ? grace : rule.noDataAfter();
    Instant until = first.plus(wait);
    return observations.stream()
        .map(
            o -> {
              if (o.outcome() == Observation.Outcome.NO_DATA && now.isBefore(first.plus(grace))) {
                // a first start or a backfill fills the tables hour by hour from the past: the
                // newest row lags the clock until it has caught up, which is not a broken pipeline
                return Observation.waiting(
                    "catching up (start-up grace until "
                        + first.plus(grace)
                        + "; no data from then if it stays behind): "
                        + o.summary());
              }
              if (o.outcome() != Observation.Outcome.NO_ROW_YET) {
                return o;
              }
              if (now.isBefore(until)) {
                return Observation.waiting(
                    "waiting for first data: "
                        + o.summary()
                        + "; no data from "
                        + until
                        + " if none arrives ("
                        + Durations.format(wait)
                        + " after this install first evaluated, at "
                        + first
                        + ")");
              }
              return Observation.noData(
                  "no data: "
                      + o.summary()
                      + ", "
                      + Duration.between(first, now).toMinutes()
                      + " min after this install first evaluated (at "
                      + first
                      + ")");
            })
        .toList();
  }
}
