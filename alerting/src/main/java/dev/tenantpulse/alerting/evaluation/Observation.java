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
    /** The table's newest row is older than the rule's {@code no_data_after}, or never came. */
    NO_DATA,
    /**
     * The table has no row the rule could judge, ever: the evaluator cannot tell a fresh install
     * from a broken pipeline, so {@link FirstDataGrace} decides ({@link #WAITING} or {@link
     * #NO_DATA}). Taken as no data where no grace applies.
     */
    NO_ROW_YET,
    /** A fresh install inside its first-data grace: nothing to judge and nothing to say yet. */
    WAITING
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

  /** The rule-level instance reports that its table has no row to judge yet. */
  public static Observation noRowYet(String summary) {
    return new Observation(Labels.NONE, Outcome.NO_ROW_YET, null, summary);
  }

  /** The rule-level instance waits for its table's first row. */
  public static Observation waiting(String summary) {
    return new Observation(Labels.NONE, Outcome.WAITING, null, summary);
  }

  /** Whether this says anything about the condition (and so about instances it does not list). */
  public boolean judged() {
    return outcome == Outcome.MET || outcome == Outcome.NOT_MET;
  }
}
