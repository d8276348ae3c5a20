package dev.tenantpulse.alerting.support;

import dev.tenantpulse.alerting.support.RecordingHttpServer.Request;
import java.util.List;

/**
 * The fake third parties of one test class: a real HTTP server (webhook, Slack and PagerDuty on
 * their own paths) and a real SMTP server, plus the channels section of a rules file pointing at
 * them.
 */
public final class Receivers implements AutoCloseable {

  public static final String WEBHOOK_SECRET = "webhook-secret-0123456789";
  public static final String PAGERDUTY_KEY = "R0UT1NGKEY0123456789ABCDEF012345";

  public final RecordingHttpServer http = new RecordingHttpServer(200);
  public final RecordingSmtpServer smtp = new RecordingSmtpServer();

  /** The {@code channels:} section (PagerDuty's routing key as ${PD_ROUTING_KEY}). */
  public String channelsYaml() {
    return """
        channels:
          hook:
            type: webhook
            url: %s
            secret: %s
          slack:
            type: slack
            url: %s
          pd:
            type: pagerduty
            routing_key: ${PD_ROUTING_KEY}
            url: %s
          mail:
            type: email
            to: [oncall@example.com]
        """
        .formatted(
            http.url("/hook"),
            WEBHOOK_SECRET,
            http.url("/slack/T000/B000/XXXX"),
            http.url("/pd/v2/enqueue"));
  }

  public List<Request> webhook() {
    return on("/hook");
  }

  public List<Request> slack() {
    return on("/slack/T000/B000/XXXX");
  }

  public List<Request> pagerDuty() {
    return on("/pd/v2/enqueue");
  }

  private List<Request> on(String path) {
    return http.requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  public void clear() {
    http.clear();
    http.defaultStatus(200);
    smtp.clear();
  }

  @Override
  public void close() {
    http.close();
    smtp.close();
  }
}
