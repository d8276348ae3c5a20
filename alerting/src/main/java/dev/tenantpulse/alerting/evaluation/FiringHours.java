package dev.tenantpulse.alerting.evaluation;

import dev.tenantpulse.alerting.rules.Labels;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Which of some hours were firing for an alert instance, so the {@code same_weekday} baseline can
 * leave them out: an outage must not lower the baseline that detects the next one. Hour H was
 * firing when the instance's status just before H + 1h, the last moment H was the newest closed
 * hour and so the outcome of judging H, was {@code firing}.
 */
@FunctionalInterface
public interface FiringHours {

  /** No hour was firing (no history kept). */
  FiringHours NONE = (rule, labels, hours) -> Set.of();

  Set<Instant> of(String rule, Labels labels, Collection<Instant> hours);
}
