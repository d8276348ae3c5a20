package dev.tenantpulse.standalone.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A logged-in browser as the console sees it, over plain HTTP: the session cookie on every request,
 * the CSRF token on changes when asked to.
 */
public final class ConsoleLogin {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** One answer: status, headers, body. */
  public record Answer(int status, HttpHeaders headers, String body) {
    public JsonNode json() {
      return Http.JSON.readTree(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final String base;
  private final String cookie;
  private final String csrfToken;
  private final JsonNode session;

  private ConsoleLogin(String base, String cookie, String csrfToken, JsonNode session) {
    this.base = base;
    this.cookie = cookie;
    this.csrfToken = csrfToken;
    this.session = session;
  }

  /** Logs in through {@code POST /login}; fails the test when that does not answer 200. */
  public static ConsoleLogin as(String base, String user, String password) {
    Answer answer = login(base, user, password, Map.of());
    if (answer.status() != 200) {
      throw new AssertionError(
          "login of " + user + " answered " + answer.status() + " " + answer.body());
    }
    String setCookie = answer.header("Set-Cookie");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    JsonNode body = answer.json();
    return new ConsoleLogin(base, cookie, body.get("csrf_token").asString(), body);
  }

  /** A raw {@code POST /login} with extra headers. */
  public static Answer login(
      String base, String user, String password, Map<String, String> headers) {
    String body =
        Http.JSON.createObjectNode().put("user", user).put("password", password).toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/login"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    return send(request);
  }

  public JsonNode session() {
    return session;
  }

  /** The {@code name=value} of the session cookie. */
  public String cookie() {
    return cookie;
  }

  public String csrfToken() {
    return csrfToken;
  }

  public Answer get(String path) {
    return send(request(path).GET());
  }

  /** A change with the session's CSRF token. */
  public Answer send(String method, String path, String json) {
    return sendWithToken(method, path, json, csrfToken);
  }

  /** A change with the given token header value; null: no token header. */
  public Answer sendWithToken(String method, String path, String json, String token) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (token != null) {
      request.header("X-CSRF-Token", token);
    }
    return send(request);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .header("Cookie", cookie);
  }

  public static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> answer =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(answer.statusCode(), answer.headers(), answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
