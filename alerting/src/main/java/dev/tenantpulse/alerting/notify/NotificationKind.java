package dev.tenantpulse.alerting.notify;

import java.util.Locale;

/** What a notification says: the alert fires (first time or repeated), resolved, or no data. */
public enum NotificationKind {
  FIRING,
  RESOLVED,
  NO_DATA;

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static NotificationKind of(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
