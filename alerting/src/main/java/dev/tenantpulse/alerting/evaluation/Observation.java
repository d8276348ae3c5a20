package dev.tenantpulse.alerting.evaluation;

import dev.tenantpulse.alerting.rules.Labels;

/**
 * What one evaluation saw for one alert instance.
 *
 * @param value the figure the rule judges (drop_ratio, slowdown factor, adoption points lost), null
 *     when it could not be computed
 * @param summary one human sentence for notifications and history
 */
public record Observation(Labels labels, Outcome outcome, Double value, String summary) {

  /** Whether the condition held, did not hold, or the data to judge it was missing or stale. */
  public enum Outcome {
    MET,
    NOT_MET,
    NO_DATA
  }

  public static Observation met(Labels labels, Double value, String summary) {
    return new Observation(labels, Outcome.MET, value, summary);
  }

  public static Observation notMet(Labels labels, Double value, String summary) {
    return new Observation(labels, Outcome.NOT_MET, value, summary);
  }

  /** The rule-level instance (no labels) reports that its table stopped being written. */
  public static Observation noData(String summary) {
    return new Observation(Labels.NONE, Outcome.NO_DATA, null, summary);
  }
}
