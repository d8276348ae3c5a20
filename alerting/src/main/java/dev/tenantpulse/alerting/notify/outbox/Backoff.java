package dev.tenantpulse.alerting.notify.outbox;

import java.time.Duration;

/**
 * Exponential backoff between delivery attempts: {@code initial × 2^(failures − 1)}, capped. No
 * jitter: notifications are few and spread over rules, there is no herd to break up, and a fixed
 * schedule is what an operator can predict from the outbox's {@code attempts}.
 */
public record Backoff(Duration initial, Duration max) {

  /** The delay after the {@code failures}-th failed attempt (1 = the first failure). */
  public Duration after(int failures) {
    int shift = Math.min(Math.max(failures - 1, 0), 30);
    Duration d = initial.multipliedBy(1L << shift);
    return d.compareTo(max) > 0 ? max : d;
  }
}
