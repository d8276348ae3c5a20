package dev.tenantpulse.alerting.state;

import dev.tenantpulse.alerting.evaluation.Observation;
import dev.tenantpulse.alerting.notify.NotificationKind;
import dev.tenantpulse.alerting.rules.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * inactive → pending → firing → resolved, plus no_data. Pure: the same inputs always give the same
 * decision, so every transition is tested without a database.
 *
 * <ul>
 *   <li>The condition holding moves inactive/resolved to pending, and pending to firing once it has
 *       held for the rule's {@code for} (at once when {@code for} is 0). Entering firing starts a
 *       new episode and notifies.
 *   <li>While firing, a notification is repeated once {@code repeat_interval} has passed since the
 *       last one (or at the first evaluation after a silence ended, if none was sent).
 *   <li>The condition failing moves pending back to inactive (nothing was said) and firing to
 *       resolved, notifying "resolved" when the episode's firing was notified, silenced or not:
 *       whoever was paged must learn it is over, and PagerDuty must close the incident.
 *   <li>No data starts a no-data episode (notified, repeated like firing). When data returns the
 *       episode resolves and the condition is judged from resolved in the same step.
 *   <li>Waiting for a fresh install's first data changes nothing and notifies nothing; only the
 *       summary says so. A table without rows that no grace covers ({@code NO_ROW_YET}) is no data.
 *   <li>A silence suppresses firing and no-data notifications; the state still changes, and the
 *       history records that the notification was silenced.
 * </ul>
 */
public final class StateMachine {

  private StateMachine() {}

  public static Decision step(
      AlertInstance previous, Observation observation, Rule rule, Instant now, boolean silenced) {
    List<Decision.Change> changes = new ArrayList<>();
    List<Decision.Notify> notes = new ArrayList<>();
    AlertInstance s = previous.observed(observation.value(), observation.summary(), now);

    if (observation.outcome() == Observation.Outcome.WAITING) {
      return new Decision(s, changes, notes);
    }
    if (observation.outcome() == Observation.Outcome.NO_DATA
        || observation.outcome() == Observation.Outcome.NO_ROW_YET) {
      if (s.status() != AlertStatus.NO_DATA) {
        AlertStatus from = s.status();
        s = s.newEpisode(AlertStatus.NO_DATA, now);
        s = notify(s, NotificationKind.NO_DATA, silenced, now, notes);
        changes.add(new Decision.Change(from, AlertStatus.NO_DATA, !silenced, silenced));
      } else if (repeatDue(s, rule.repeatInterval(), now) && !silenced) {
        s = notify(s, NotificationKind.NO_DATA, false, now, notes);
        changes.add(new Decision.Change(AlertStatus.NO_DATA, AlertStatus.NO_DATA, true, false));
      }
      return new Decision(s, changes, notes);
    }

    if (s.status() == AlertStatus.NO_DATA) {
      s = resolve(s, now, changes, notes);
    }
    boolean met = observation.outcome() == Observation.Outcome.MET;
    switch (s.status()) {
      case INACTIVE, RESOLVED -> {
        if (met) {
          AlertStatus from = s.status();
          if (rule.forDuration().isZero()) {
            s = fire(s, now, silenced, notes);
            changes.add(new Decision.Change(from, AlertStatus.FIRING, !silenced, silenced));
          } else {
            s = s.withStatus(AlertStatus.PENDING, now);
            changes.add(new Decision.Change(from, AlertStatus.PENDING, false, false));
          }
        }
      }
      case PENDING -> {
        if (!met) {
          s = s.withStatus(AlertStatus.INACTIVE, now);
          changes.add(new Decision.Change(AlertStatus.PENDING, AlertStatus.INACTIVE, false, false));
        } else if (!Duration.between(s.pendingSince(), now)
            .minus(rule.forDuration())
            .isNegative()) {
          s = fire(s, now, silenced, notes);
          changes.add(
              new Decision.Change(AlertStatus.PENDING, AlertStatus.FIRING, !silenced, silenced));
        }
      }
      case FIRING -> {
        if (!met) {
          s = resolve(s, now, changes, notes);
        } else if (repeatDue(s, rule.repeatInterval(), now) && !silenced) {
          s = notify(s, NotificationKind.FIRING, false, now, notes);
          changes.add(new Decision.Change(AlertStatus.FIRING, AlertStatus.FIRING, true, false));
        }
      }
      case NO_DATA -> throw new IllegalStateException("resolved above");
    }
    return new Decision(s, changes, notes);
  }

  private static AlertInstance fire(
      AlertInstance s, Instant now, boolean silenced, List<Decision.Notify> notes) {
    return notify(
        s.newEpisode(AlertStatus.FIRING, now), NotificationKind.FIRING, silenced, now, notes);
  }

  private static AlertInstance resolve(
      AlertInstance s, Instant now, List<Decision.Change> changes, List<Decision.Notify> notes) {
    AlertStatus from = s.status();
    boolean wasNotified = s.notificationsSent() > 0;
    if (wasNotified) {
      notes.add(
          new Decision.Notify(
              NotificationKind.RESOLVED, s.episode(), 0, false, from == AlertStatus.NO_DATA));
    }
    changes.add(new Decision.Change(from, AlertStatus.RESOLVED, wasNotified, false));
    return s.withStatus(AlertStatus.RESOLVED, now);
  }

  private static AlertInstance notify(
      AlertInstance s,
      NotificationKind kind,
      boolean silenced,
      Instant now,
      List<Decision.Notify> notes) {
    notes.add(new Decision.Notify(kind, s.episode(), s.notificationsSent(), silenced));
    return silenced ? s : s.notified(now);
  }

  private static boolean repeatDue(AlertInstance s, Duration repeat, Instant now) {
    return s.lastNotifiedAt() == null
        || !Duration.between(s.lastNotifiedAt(), now).minus(repeat).isNegative();
  }
}
