package dev.tenantpulse.alerting.state;

import java.util.Locale;

/** The states of an alert instance; {@link #NO_DATA} is the rule-level "metric stopped" alert. */
public enum AlertStatus {
  INACTIVE,
  PENDING,
  FIRING,
  RESOLVED,
  NO_DATA;

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlertStatus of(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
