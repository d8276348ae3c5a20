package dev.tenantpulse.alerting.rules;

import java.util.List;

/**
 * A notification target of the rules file. Its settings are kept as written: a secret written as
 * {@code ${ENV_NAME}} stays that reference here, in the file and in the API, and only a sender
 * expands it ({@link SecretReferences#expand}) just before sending. So a channel printed, logged or
 * shown never holds a secret's value.
 */
public sealed interface ChannelConfig {

  String name();

  /** The channel type as written in the rules file. */
  String type();

  /** Every setting that may hold references, as written (to redact what a receiver echoes). */
  List<String> settings();

  /** Generic webhook: the notification as JSON, signed with HMAC-SHA256 of the body. */
  record Webhook(String name, String url, String secret) implements ChannelConfig {
    @Override
    public String type() {
      return "webhook";
    }

    @Override
    public List<String> settings() {
      return List.of(url, secret);
    }
  }

  /** Slack incoming webhook. */
  record Slack(String name, String url) implements ChannelConfig {
    @Override
    public String type() {
      return "slack";
    }

    @Override
    public List<String> settings() {
      return List.of(url);
    }
  }

  /** PagerDuty Events API v2: trigger and resolve with a dedup key per rule and labels. */
  record PagerDuty(String name, String routingKey, String url) implements ChannelConfig {
    public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";

    @Override
    public String type() {
      return "pagerduty";
    }

    @Override
    public List<String> settings() {
      return List.of(routingKey, url);
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

    @Override
    public List<String> settings() {
      return to;
    }
  }
}
