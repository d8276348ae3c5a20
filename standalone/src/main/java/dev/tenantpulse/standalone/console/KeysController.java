package dev.tenantpulse.standalone.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/keys} and {@code GET /api/keys}: API keys, through the collector's own admin API
 * ({@code /admin/keys}, same token). Relayed rather than reimplemented, so validation, hashing and
 * the answers are the collector's and cannot drift from it.
 */
@RestController
class KeysController {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ConsoleSettings settings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();

  KeysController(ConsoleSettings settings) {
    this.settings = settings;
  }

  @PostMapping(path = "/api/keys", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> create(@RequestBody String body) {
    return relay(
        HttpRequest.newBuilder(adminKeys())
            .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  @GetMapping("/api/keys")
  ResponseEntity<String> list() {
    return relay(HttpRequest.newBuilder(adminKeys()).GET());
  }

  private URI adminKeys() {
    return URI.create(settings.collectorUrl() + "/admin/keys");
  }

  private ResponseEntity<String> relay(HttpRequest.Builder request) {
    HttpResponse<String> answer;
    try {
      answer =
          http.send(
              request
                  .timeout(TIMEOUT)
                  .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.adminToken())
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConsoleException(
          HttpStatus.BAD_GATEWAY,
          "collector_unreachable",
          "the collector's admin API did not answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConsoleException(
          HttpStatus.SERVICE_UNAVAILABLE, "interrupted", "the console is shutting down");
    }
    ResponseEntity.BodyBuilder out = ResponseEntity.status(answer.statusCode());
    answer
        .headers()
        .firstValue(HttpHeaders.CONTENT_TYPE)
        .ifPresent(type -> out.header(HttpHeaders.CONTENT_TYPE, type));
    answer
        .headers()
        .firstValue(HttpHeaders.LOCATION)
        .ifPresent(
            location -> out.header(HttpHeaders.LOCATION, location.replace("/admin/", "/api/")));
    return out.body(answer.body());
  }
}
