package dev.tenantpulse.alerting.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One notification as stored in the outbox and sent (as is) by the webhook channel; the other
 * channels render it in their own format.
 *
 * @param idempotencyKey the same on every delivery attempt of this notification, and different for
 *     every other notification: receivers drop a key they have seen
 * @param dedupKey one per rule and label set (PagerDuty's incident key)
 * @param status firing, resolved or no_data
 * @param repeat true when this re-notifies a still-firing alert
 * @param episode the number of the firing / no-data episode of this rule and label set
 * @param startedAt when the episode started
 * @param at when the notification was decided
 */
public record Notification(
    @JsonProperty("idempotency_key") String idempotencyKey,
    @JsonProperty("dedup_key") String dedupKey,
    String rule,
    @JsonProperty("rule_kind") String ruleKind,
    String status,
    boolean repeat,
    Map<String, String> labels,
    String severity,
    Double value,
    String summary,
    String description,
    int episode,
    @JsonProperty("started_at") Instant startedAt,
    Instant at) {

  public NotificationKind kind() {
    return NotificationKind.of(status);
  }

  /** "active_tenants_drop {plan=starter}" or just the rule name for the rule-level instance. */
  public String title() {
    return labels.isEmpty() ? rule : rule + " " + labels;
  }
}
