package dev.tenantpulse.alerting.rules;

import java.util.List;

/**
 * A notification target of the rules file. Secrets may be written as {@code ${ENV_NAME}} and are
 * then read from the environment (or a Spring property) when used, so the file and the API never
 * show them.
 */
public sealed interface ChannelConfig {

  String name();

  /** The channel type as written in the rules file. */
  String type();

  /** Generic webhook: the notification as JSON, signed with HMAC-SHA256 of the body. */
  record Webhook(String name, String url, String secret) implements ChannelConfig {
    @Override
    public String type() {
      return "webhook";
    }
  }

  /** Slack incoming webhook. */
  record Slack(String name, String url) implements ChannelConfig {
    @Override
    public String type() {
      return "slack";
    }
  }

  /** PagerDuty Events API v2: trigger and resolve with a dedup key per rule and labels. */
  record PagerDuty(String name, String routingKey, String url) implements ChannelConfig {
    public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";

    @Override
    public String type() {
      return "pagerduty";
    }
  }

  /** SMTP email through the server of {@code spring.mail.*}. */
  record Email(String name, List<String> to) implements ChannelConfig {
    public Email {
      to = List.copyOf(to);
    }

    @Override
    public String type() {
      return "email";
    }
  }
}
