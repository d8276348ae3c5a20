package dev.tenantpulse.standalone.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookReceiverTests {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final String BODY =
      "{\"idempotency_key\": \"k-1\", \"rule\": \"active_tenants_drop\", \"status\": \"firing\","
          + " \"labels\": {}, \"severity\": \"critical\", \"value\": 0.34, \"summary\": \"drop\"}";

  @TempDir Path dir;
  private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
  private WebhookReceiver receiver;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    receiver =
        new WebhookReceiver(
            "127.0.0.1",
            0,
            SECRET,
            dir.resolve("received.jsonl"),
            new PrintStream(terminal, true, StandardCharsets.UTF_8));
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop();
  }

  private int post(String body, String signature) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(receiver.url()))
                .header("X-TenantPulse-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String sign(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void printsAndKeepsASignedNotificationOnceEvenWhenRedelivered() throws Exception {
    assertThat(post(BODY, sign(BODY))).isEqualTo(204);
    assertThat(post(BODY, sign(BODY))).isEqualTo(204);

    assertThat(receiver.received()).hasSize(1);
    assertThat(Files.readAllLines(dir.resolve("received.jsonl"))).hasSize(1);
    String printed = terminal.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("FIRING active_tenants_drop [critical] drop (value 0.34, key k-1)");
    assertThat(printed).contains("redelivery of k-1");
  }

  @Test
  void refusesANotificationWhoseSignatureDoesNotMatch() throws Exception {
    assertThat(post(BODY, sign(BODY.replace("0.34", "0.99")))).isEqualTo(401);
    assertThat(post(BODY, "")).isEqualTo(401);

    assertThat(receiver.received()).isEmpty();
  }
}
