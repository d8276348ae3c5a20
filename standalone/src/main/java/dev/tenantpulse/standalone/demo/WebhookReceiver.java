package dev.tenantpulse.standalone.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tenantpulse.standalone.lifecycle.Service;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's stand-in for an on-call tool: a local HTTP server that receives the alerting service's
 * webhook notifications, checks their HMAC-SHA256 signature, prints each one and appends it to
 * {@code received.jsonl}. Redeliveries (a key already received) are printed as such and not counted
 * twice.
 */
public final class WebhookReceiver implements Service {

  static final String PATH = "/alerts";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String host;
  private final int port;
  private final String secret;
  private final Path log;
  private final PrintStream out;
  private final List<JsonNode> received = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();
  private HttpServer server;

  public WebhookReceiver(String host, int port, String secret, Path log, PrintStream out) {
    this.host = host;
    this.port = port;
    this.secret = secret;
    this.log = log;
    this.out = out;
  }

  @Override
  public String name() {
    return "Demo webhook receiver";
  }

  @Override
  public Started start() throws IOException {
    Files.createDirectories(log.getParent());
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext(PATH, this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return Started.at(url());
  }

  /** Where the alerting service posts. */
  public String url() {
    return "http://" + host + ":" + server.getAddress().getPort() + PATH;
  }

  public String secret() {
    return secret;
  }

  /** Every distinct notification received so far (by idempotency key). */
  public synchronized List<JsonNode> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      String signature = exchange.getRequestHeaders().getFirst("X-TenantPulse-Signature");
      if (signature == null
          || !MessageDigest.isEqual(
              signature.getBytes(StandardCharsets.US_ASCII),
              ("sha256=" + hmac(body)).getBytes(StandardCharsets.US_ASCII))) {
        out.println("demo webhook: refused a notification with a wrong signature");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      JsonNode notification;
      try {
        notification = JSON.readTree(body);
      } catch (JacksonException e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      record(notification, new String(body, StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
    }
  }

  private synchronized void record(JsonNode n, String raw) throws IOException {
    String key = n.path("idempotency_key").asString();
    if (keys.contains(key)) {
      out.println("demo webhook: redelivery of " + key + " (already received; not counted)");
      return;
    }
    keys.add(key);
    received.add(n);
    Files.writeString(log, raw + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    out.println(
        "demo webhook: "
            + n.path("status").asString().toUpperCase(java.util.Locale.ROOT)
            + " "
            + n.path("rule").asString()
            + (n.path("labels").isEmpty() ? "" : " " + n.path("labels"))
            + " ["
            + n.path("severity").asString()
            + "] "
            + n.path("summary").asString()
            + " (value "
            + n.path("value").asString()
            + ", key "
            + key
            + ")");
    out.flush();
  }

  private String hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {
    server.stop(1);
  }
}
