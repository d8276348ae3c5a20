package dev.tenantpulse.alerting.state;

import dev.tenantpulse.alerting.rules.Labels;
import java.time.Instant;

/**
 * The stored state of one rule and label set.
 *
 * @param statusSince when it entered its status
 * @param pendingSince when the condition started to hold (PENDING), else null
 * @param episode how many firing / no-data episodes it has had; the current one's number
 * @param episodeStartedAt when the current episode started
 * @param notificationsSent notifications sent (not silenced) in the current episode
 * @param lastNotifiedAt when the last one of them was decided, null when none
 */
public record AlertInstance(
    String rule,
    Labels labels,
    AlertStatus status,
    Instant statusSince,
    Instant pendingSince,
    int episode,
    Instant episodeStartedAt,
    int notificationsSent,
    Instant lastNotifiedAt,
    Double value,
    String summary,
    Instant lastEvaluatedAt) {

  /** A new instance that has never been seen. */
  public static AlertInstance fresh(String rule, Labels labels, Instant now) {
    return new AlertInstance(
        rule, labels, AlertStatus.INACTIVE, now, null, 0, null, 0, null, null, null, now);
  }

  AlertInstance withStatus(AlertStatus next, Instant now) {
    return new AlertInstance(
        rule,
        labels,
        next,
        now,
        next == AlertStatus.PENDING ? now : null,
        episode,
        episodeStartedAt,
        notificationsSent,
        lastNotifiedAt,
        value,
        summary,
        lastEvaluatedAt);
  }

  AlertInstance newEpisode(AlertStatus next, Instant now) {
    return new AlertInstance(
        rule, labels, next, now, null, episode + 1, now, 0, null, value, summary, lastEvaluatedAt);
  }

  AlertInstance notified(Instant now) {
    return new AlertInstance(
        rule,
        labels,
        status,
        statusSince,
        pendingSince,
        episode,
        episodeStartedAt,
        notificationsSent + 1,
        now,
        value,
        summary,
        lastEvaluatedAt);
  }

  AlertInstance observed(Double newValue, String newSummary, Instant now) {
    return new AlertInstance(
        rule,
        labels,
        status,
        statusSince,
        pendingSince,
        episode,
        episodeStartedAt,
        notificationsSent,
        lastNotifiedAt,
        newValue,
        newSummary,
        now);
  }
}
