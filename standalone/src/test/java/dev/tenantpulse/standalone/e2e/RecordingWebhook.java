package dev.tenantpulse.standalone.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A local webhook endpoint that records every delivery it receives, redeliveries included. */
final class RecordingWebhook implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpServer server;
  private final List<JsonNode> deliveries = new ArrayList<>();

  RecordingWebhook() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext(
        "/hook",
        exchange -> {
          try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            synchronized (deliveries) {
              deliveries.add(body);
            }
            exchange.sendResponseHeaders(204, -1);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<JsonNode> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  /** Deliveries of {@code rule} in {@code status} (firing, resolved, no_data). */
  List<JsonNode> of(String rule, String status) {
    return deliveries().stream()
        .filter(d -> d.path("rule").asString().equals(rule))
        .filter(d -> d.path("status").asString().equals(status))
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
