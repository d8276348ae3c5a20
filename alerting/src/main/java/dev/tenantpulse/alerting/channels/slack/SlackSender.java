package dev.tenantpulse.alerting.channels.slack;

import dev.tenantpulse.alerting.channels.ChannelSender;
import dev.tenantpulse.alerting.channels.DeliveryException;
import dev.tenantpulse.alerting.channels.HttpDelivery;
import dev.tenantpulse.alerting.notify.Notification;
import dev.tenantpulse.alerting.rules.ChannelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack incoming webhook: {@code {"text": …, "blocks": […]}}. Slack has no idempotency header, so
 * the key is in the message's context line, where a duplicate after a crash can be recognised.
 */
@Component
public class SlackSender implements ChannelSender {

  private final HttpDelivery http;
  private final JsonMapper json;

  public SlackSender(HttpDelivery http, JsonMapper json) {
    this.http = http;
    this.json = json;
  }

  @Override
  public String type() {
    return "slack";
  }

  @Override
  public void send(ChannelConfig channel, Notification n) throws DeliveryException {
    http.post(
        channel,
        ((ChannelConfig.Slack) channel).url(),
        json.writeValueAsBytes(message(n)),
        Map.of());
  }

  /** The Slack message of a notification. */
  public static Map<String, Object> message(Notification n) {
    String headline = headline(n);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("text", headline + "\n" + n.summary());
    message.put(
        "blocks",
        List.of(
            Map.of(
                "type",
                "section",
                "text",
                Map.of("type", "mrkdwn", "text", "*" + headline + "*\n" + n.summary())),
            Map.of(
                "type",
                "context",
                "elements",
                List.of(
                    Map.of(
                        "type",
                        "mrkdwn",
                        "text",
                        "severity "
                            + n.severity()
                            + " · episode "
                            + n.episode()
                            + " · key "
                            + n.idempotencyKey())))));
    return message;
  }

  static String headline(Notification n) {
    return switch (n.kind()) {
      case FIRING ->
          (n.repeat() ? ":rotating_light: Still firing: " : ":rotating_light: Firing: ")
              + n.title();
      case RESOLVED -> ":white_check_mark: Resolved: " + n.title();
      case NO_DATA -> ":grey_question: No data: " + n.title();
    };
  }
}
