package dev.tenantpulse.alerting.rules;

import java.util.Locale;

/** How urgent a rule's alerts are; PagerDuty's four levels, carried to every channel. */
public enum Severity {
  CRITICAL,
  ERROR,
  WARNING,
  INFO;

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
