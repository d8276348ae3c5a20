package dev.tenantpulse.standalone.console.alerting;

import dev.tenantpulse.access.User;
import dev.tenantpulse.access.web.AccessGuard;
import dev.tenantpulse.standalone.console.BoundedBody;
import dev.tenantpulse.standalone.console.ConsoleException;
import dev.tenantpulse.standalone.console.ConsoleSettings;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The alerts page's way to the alerting API: {@code /api/alerting/<path>} is passed on to the
 * alerting service's {@code /api/<path>}, for the paths the page uses only. The console has already
 * checked the browser's user against the alerting API's own policy ({@code AlertingAccessPolicy});
 * the request goes on with the admin token, and the user's name in {@code X-Tenant-Pulse-User} for
 * the alerting service's log.
 */
@RestController
class AlertingProxy {

  private static final Logger log = LoggerFactory.getLogger(AlertingProxy.class);
  static final String PREFIX = "/api/alerting/";
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the page reads and changes; anything else is not passed on. */
  private static final List<Pattern> PATHS =
      List.of(
          Pattern.compile("alerts"),
          Pattern.compile("alerts/history"),
          Pattern.compile("silences"),
          Pattern.compile("silences/[A-Za-z0-9_-]{1,64}"),
          Pattern.compile("rules"),
          Pattern.compile("rules/[A-Za-z0-9_.:-]{1,64}"),
          Pattern.compile("rules/[A-Za-z0-9_.:-]{1,64}/backtest"),
          Pattern.compile("evaluations"),
          Pattern.compile("notifications"));

  private final ConsoleSettings settings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  AlertingProxy(ConsoleSettings settings) {
    this.settings = settings;
  }

  @RequestMapping(PREFIX + "**")
  ResponseEntity<byte[]> pass(HttpServletRequest request) throws IOException {
    String base = settings.alertingUrl();
    if (base == null) {
      throw new ConsoleException(
          HttpStatus.SERVICE_UNAVAILABLE, "alerting_off", "alerting does not run in this process");
    }
    String path = request.getRequestURI().substring(PREFIX.length());
    if (PATHS.stream().noneMatch(p -> p.matcher(path).matches())) {
      throw new ConsoleException(
          HttpStatus.NOT_FOUND, "unknown_alerting_path", "the alerts page does not use that path");
    }
    String method = request.getMethod();
    byte[] body =
        BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), MAX_BODY_BYTES);
    if (method.equals("POST") && path.equals("silences")) {
      body = signedBy(body, AccessGuard.user(request).map(User::name).orElse(null));
    }
    String query = request.getQueryString();
    HttpRequest.Builder out =
        HttpRequest.newBuilder(
                URI.create(base + "/api/" + path + (query == null ? "" : "?" + query)))
            .timeout(Duration.ofSeconds(60))
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + settings.adminToken())
            .header(HttpHeaders.ACCEPT, "application/json")
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    AccessGuard.user(request).map(User::name).ifPresent(u -> out.header("X-Tenant-Pulse-User", u));
    if (request.getContentType() != null) {
      out.header(HttpHeaders.CONTENT_TYPE, request.getContentType());
    }
    HttpResponse<byte[]> answer;
    try {
      answer = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(e);
    } catch (IOException e) {
      throw unreachable(e);
    }
    ResponseEntity.BodyBuilder reply = ResponseEntity.status(answer.statusCode());
    answer
        .headers()
        .firstValue(HttpHeaders.CONTENT_TYPE)
        .ifPresent(type -> reply.header(HttpHeaders.CONTENT_TYPE, type));
    answer
        .headers()
        .firstValue(HttpHeaders.RETRY_AFTER)
        .ifPresent(after -> reply.header(HttpHeaders.RETRY_AFTER, after));
    return reply.header(HttpHeaders.CACHE_CONTROL, "no-store").body(answer.body());
  }

  /**
   * A silence says who made it: the logged-in user, whatever the page sent, so nobody signs one
   * with another's name. A body that is not a JSON object goes on as it is, for the alerting API to
   * refuse.
   */
  static byte[] signedBy(byte[] body, String user) {
    if (user == null) {
      return body;
    }
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree instanceof ObjectNode object) {
        object.put("created_by", user);
        return JSON.writeValueAsBytes(object);
      }
    } catch (JacksonException e) {
      // not JSON: the alerting API answers 400 with its reason
    }
    return body;
  }

  private static ConsoleException unreachable(Exception e) {
    log.warn("the alerting API did not answer: {}", e.toString());
    return new ConsoleException(
        HttpStatus.BAD_GATEWAY, "alerting_unreachable", "the alerting API did not answer");
  }
}
