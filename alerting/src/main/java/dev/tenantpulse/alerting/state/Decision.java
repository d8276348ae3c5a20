package dev.tenantpulse.alerting.state;

import dev.tenantpulse.alerting.notify.NotificationKind;
import java.util.List;

/**
 * What one observation did to an alert instance: its next state, the status changes for the
 * history, and the notifications to send (silenced ones are listed with {@code silenced} set and
 * are not sent).
 */
public record Decision(AlertInstance next, List<Change> changes, List<Notify> notifications) {

  public Decision {
    changes = List.copyOf(changes);
    notifications = List.copyOf(notifications);
  }

  /** A status change, or a re-notification while firing (from == to). */
  public record Change(AlertStatus from, AlertStatus to, boolean notified, boolean silenced) {}

  /**
   * One notification: its kind, the episode it belongs to and its index within the episode (0 the
   * first, then repeats). Together with the rule and labels these make the idempotency key.
   *
   * @param endsNoData a RESOLVED that ends a no-data episode: the data is back, which says nothing
   *     yet about the condition (a FIRING may follow in the same step)
   */
  public record Notify(
      NotificationKind kind, int episode, int index, boolean silenced, boolean endsNoData) {

    public Notify(NotificationKind kind, int episode, int index, boolean silenced) {
      this(kind, episode, index, silenced, false);
    }
  }

  public boolean changed() {
    return !changes.isEmpty();
  }
}
