package dev.tenantpulse.alerting.channels.pagerduty;

import dev.tenantpulse.alerting.channels.ChannelSender;
import dev.tenantpulse.alerting.channels.DeliveryException;
import dev.tenantpulse.alerting.channels.HttpDelivery;
import dev.tenantpulse.alerting.notify.Notification;
import dev.tenantpulse.alerting.notify.NotificationKind;
import dev.tenantpulse.alerting.rules.ChannelConfig;
import dev.tenantpulse.alerting.rules.SecretReferences;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * PagerDuty Events API v2: {@code trigger} for firing and no-data, {@code resolve} for resolved,
 * both with the instance's dedup key, so PagerDuty keeps one incident per rule and label set and
 * folds a repeat or a redelivery into it.
 */
@Component
public class PagerDutySender implements ChannelSender {

  private final HttpDelivery http;
  private final JsonMapper json;
  private final SecretReferences secrets;

  public PagerDutySender(HttpDelivery http, JsonMapper json, SecretReferences secrets) {
    this.http = http;
    this.json = json;
    this.secrets = secrets;
  }

  @Override
  public String type() {
    return "pagerduty";
  }

  @Override
  public void send(ChannelConfig channel, Notification n) throws DeliveryException {
    ChannelConfig.PagerDuty pd = (ChannelConfig.PagerDuty) channel;
    byte[] event = json.writeValueAsBytes(event(secrets.expand(pd.routingKey()), n));
    http.post(pd, pd.url(), event, Map.of());
  }

  /** The Events API v2 body of a notification. */
  public static Map<String, Object> event(String routingKey, Notification n) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("routing_key", routingKey);
    event.put("dedup_key", n.dedupKey());
    if (n.kind() == NotificationKind.RESOLVED) {
      event.put("event_action", "resolve");
      return event;
    }
    event.put("event_action", "trigger");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rule", n.rule());
    details.put("labels", n.labels());
    details.put("status", n.status());
    details.put("value", n.value());
    details.put("episode", n.episode());
    details.put("idempotency_key", n.idempotencyKey());
    details.put("description", n.description());
    Map<String, Object> payload = new LinkedHashMap<>();
    String summary =
        (n.kind() == NotificationKind.NO_DATA ? "No data: " : "") + n.title() + ": " + n.summary();
    payload.put("summary", summary.length() > 1024 ? summary.substring(0, 1023) + "…" : summary);
    payload.put("source", "tenant-pulse-alerting");
    payload.put("severity", n.severity());
    payload.put("timestamp", n.at().toString());
    payload.put("component", n.rule());
    payload.put("custom_details", details);
    event.put("payload", payload);
    return event;
  }
}
