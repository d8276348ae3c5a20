package dev.tenantpulse.collector.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP against the running collector, and helpers to build contract events. */
public abstract class CollectorTestBase {

  public static final String SERVER_KEY = "test-server-key-0123456789";
  public static final String ACME_KEY = "test-acme-client-key-0123456789";
  protected static final JsonMapper JSON = JsonMapper.builder().build();
  protected static final String TOPIC = TestKafka.freshTopic("tenant-events");

  private final HttpClient http = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  protected int port;

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    registry.add("tenant-pulse.collector.topic", () -> TOPIC);
  }

  protected URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  protected HttpResponse<String> post(
      String path, String authorization, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
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

  protected HttpResponse<String> get(String path, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
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

  protected HttpResponse<String> postEvents(String key, String json) {
    return post("/v1/events", "Bearer " + key, json.getBytes(StandardCharsets.UTF_8));
  }

  protected static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  /** An activity event of the contract, as a JSON object text. */
  protected static String activity(String id, String tenant) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"activity\",\"tenant_id\":\""
        + tenant
        + "\",\"timestamp\":\""
        + Instant.now().minusSeconds(60)
        + "\"}";
  }

  protected static String batch(String... events) {
    return "{\"events\":[" + String.join(",", events) + "]}";
  }

  protected static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
