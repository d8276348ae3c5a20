package dev.tenantpulse.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.channels.pagerduty.PagerDutySender;
import dev.tenantpulse.alerting.channels.slack.SlackSender;
import dev.tenantpulse.alerting.channels.webhook.WebhookSender;
import dev.tenantpulse.alerting.notify.outbox.Backoff;
import dev.tenantpulse.alerting.rules.Labels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys, signatures, backoff and the third parties' formats, without any server. */
class NotificationFormatsTests {

  static Notification notification(String status, int index) {
    Labels labels = Labels.of("plan", "starter");
    return new Notification(
        NotificationKeys.idempotencyKey("drop", labels, NotificationKind.of(status), 3, index),
        NotificationKeys.dedupKey("drop", labels),
        "drop",
        "active_tenants_drop",
        status,
        index > 0,
        labels.values(),
        "critical",
        0.3,
        "30 % fewer",
        "desc",
        3,
        Instant.parse("2026-11-27T10:00:00Z"),
        Instant.parse("2026-11-27T10:05:00Z"));
  }

  @Test
  void idempotencyKeysDifferPerNotificationAndRepeatExactly() {
    Labels a = Labels.of("plan", "starter");
    String key = NotificationKeys.idempotencyKey("drop", a, NotificationKind.FIRING, 1, 0);
    assertThat(NotificationKeys.idempotencyKey("drop", a, NotificationKind.FIRING, 1, 0))
        .isEqualTo(key);
    assertThat(
            java.util.Set.of(
                key,
                NotificationKeys.idempotencyKey("drop", a, NotificationKind.FIRING, 1, 1),
                NotificationKeys.idempotencyKey("drop", a, NotificationKind.FIRING, 2, 0),
                NotificationKeys.idempotencyKey("drop", a, NotificationKind.RESOLVED, 1, 0),
                NotificationKeys.idempotencyKey("drop", Labels.NONE, NotificationKind.FIRING, 1, 0),
                NotificationKeys.idempotencyKey("other", a, NotificationKind.FIRING, 1, 0)))
        .hasSize(6);
    assertThat(NotificationKeys.dedupKey("drop", a)).isEqualTo("tenant-pulse/drop/plan=starter");
  }

  @Test
  void theWebhookSignatureIsHmacSha256OfTheBody() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    assertThat(
            WebhookSender.hmacSha256Hex(
                "Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void pagerDutyTriggersAndResolvesWithOneDedupKey() {
    Map<String, Object> trigger = PagerDutySender.event("RK", notification("firing", 0));
    Map<String, Object> resolve = PagerDutySender.event("RK", notification("resolved", 0));
    assertThat(trigger).containsEntry("event_action", "trigger").containsEntry("routing_key", "RK");
    assertThat(resolve)
        .containsEntry("event_action", "resolve")
        .containsEntry("dedup_key", trigger.get("dedup_key"))
        .doesNotContainKey("payload");
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = (Map<String, Object>) trigger.get("payload");
    assertThat(payload)
        .containsEntry("severity", "critical")
        .containsEntry("source", "tenant-pulse-alerting");
    assertThat((String) payload.get("summary")).startsWith("drop {plan=starter}: 30 % fewer");
  }

  @Test
  void slackShowsWhatHappenedAndTheKey() {
    Map<String, Object> firing = SlackSender.message(notification("firing", 0));
    Map<String, Object> repeat = SlackSender.message(notification("firing", 2));
    assertThat((String) firing.get("text"))
        .startsWith(":rotating_light: Firing: drop {plan=starter}");
    assertThat((String) repeat.get("text")).startsWith(":rotating_light: Still firing:");
    assertThat(firing.get("blocks").toString())
        .contains(notification("firing", 0).idempotencyKey());
  }

  @Test
  void backoffDoublesUpToItsCap() {
    Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(1));
    assertThat(b.after(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.after(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.after(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(b.after(5)).isEqualTo(Duration.ofMinutes(1));
    assertThat(b.after(500)).isEqualTo(Duration.ofMinutes(1));
  }
}
