package dev.tenantpulse.standalone.soak;

import dev.tenantpulse.standalone.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The soak's reads of the runtime's HTTP APIs, with a short timeout: a runtime that stops answering
 * (the stall this benchmark looks for) must not stop the rows from being printed.
 */
final class Rest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Rest() {}

  /** A request answered with another status than expected. */
  static final class Refused extends IOException {
    Refused(String what, int status, String body) {
      super(what + " answered " + status + ": " + body.substring(0, Math.min(300, body.length())));
    }
  }

  static JsonNode getJson(String url, String token) throws IOException {
    return Http.JSON.readTree(get(url, token));
  }

  static String get(String url, String token) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
    return send(request, token, url, 200);
  }

  static JsonNode post(String url, String token, String contentType, String body, int expected)
      throws IOException {
    return post(url, token, contentType, body, expected, TIMEOUT);
  }

  static JsonNode post(
      String url, String token, String contentType, String body, int expected, Duration timeout)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    return Http.JSON.readTree(send(request, token, url, expected));
  }

  private static String send(HttpRequest.Builder request, String token, String url, int expected)
      throws IOException {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> answer =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (answer.statusCode() != expected) {
        throw new Refused(url, answer.statusCode(), answer.body());
      }
      return answer.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + url, e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
