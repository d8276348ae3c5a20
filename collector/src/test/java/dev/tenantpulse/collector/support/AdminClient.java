package dev.tenantpulse.collector.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API of a running collector, over real HTTP, with the test admin token. */
public final class AdminClient {

  public static final String TOKEN = "test-admin-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final IntSupplier port;

  /**
   * @param port the collector's port, asked for on every call (it changes across restarts)
   */
  public AdminClient(IntSupplier port) {
    this.port = port;
  }

  /** Creates a key; answers the 201 body ({@code id}, {@code key}, …). */
  public JsonNode createKey(String name, String tenantId) {
    String body =
        "{\"name\":\""
            + name
            + "\",\"tenant_id\":"
            + (tenantId == null ? "null" : "\"" + tenantId + "\"")
            + "}";
    HttpResponse<String> response = send("POST", "/admin/keys", "Bearer " + TOKEN, body);
    if (response.statusCode() != 201) {
      throw new IllegalStateException("key creation answered " + response + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  public HttpResponse<String> send(String method, String path, String authorization, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> send(String method, String path, String body) {
    return send(method, path, "Bearer " + TOKEN, body);
  }
}
