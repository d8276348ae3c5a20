package dev.tenantpulse.alerting.channels.webhook;

import dev.tenantpulse.alerting.channels.ChannelSender;
import dev.tenantpulse.alerting.channels.DeliveryException;
import dev.tenantpulse.alerting.channels.HttpDelivery;
import dev.tenantpulse.alerting.notify.Notification;
import dev.tenantpulse.alerting.rules.ChannelConfig;
import dev.tenantpulse.alerting.rules.SecretReferences;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generic webhook: the notification as JSON, with {@code X-TenantPulse-Signature: sha256=<hex>}
 * (HMAC-SHA256 of the exact body bytes with the channel's secret) and the idempotency key in {@code
 * Idempotency-Key} and {@code X-TenantPulse-Idempotency-Key}. A receiver verifies the signature
 * over the raw body before parsing it, and drops a key it has already processed.
 */
@Component
public class WebhookSender implements ChannelSender {

  public static final String SIGNATURE_HEADER = "X-TenantPulse-Signature";
  public static final String KEY_HEADER = "X-TenantPulse-Idempotency-Key";

  private final HttpDelivery http;
  private final JsonMapper json;
  private final SecretReferences secrets;

  public WebhookSender(HttpDelivery http, JsonMapper json, SecretReferences secrets) {
    this.http = http;
    this.json = json;
    this.secrets = secrets;
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public void send(ChannelConfig channel, Notification n) throws DeliveryException {
    ChannelConfig.Webhook webhook = (ChannelConfig.Webhook) channel;
    byte[] body = json.writeValueAsBytes(n);
    http.post(
        webhook,
        webhook.url(),
        body,
        Map.of(
            SIGNATURE_HEADER,
            "sha256=" + hmacSha256Hex(secrets.expand(webhook.secret()), body),
            KEY_HEADER,
            n.idempotencyKey(),
            "Idempotency-Key",
            n.idempotencyKey(),
            "X-TenantPulse-Event",
            n.status()));
  }

  /** HMAC-SHA256 of {@code body} with {@code secret} (UTF-8), lower-case hex. */
  public static String hmacSha256Hex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
