package dev.tenantpulse.alerting.channels;

import dev.tenantpulse.alerting.AlertingProperties;
import dev.tenantpulse.alerting.rules.ChannelConfig;
import dev.tenantpulse.alerting.rules.SecretReferences;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * POSTs JSON for the HTTP channels and classifies the answer. It expands the channel's URL itself,
 * and its messages cite the URL as written, cut to scheme and authority: a URL's path often is a
 * secret, and its host may come from one.
 */
@Component
public class HttpDelivery {

  private static final int ANSWER_SHOWN = 300;

  private final HttpClient client;
  private final Duration timeout;
  private final SecretReferences secrets;

  public HttpDelivery(AlertingProperties properties, SecretReferences secrets) {
    this.timeout = properties.outbox().sendTimeout();
    this.secrets = secrets;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * POSTs {@code body} to {@code url}, a setting of {@code channel} as written; returns the
   * response body on a 2xx, throws otherwise (permanent for a 4xx other than 408 and 429).
   */
  public String post(ChannelConfig channel, String url, byte[] body, Map<String, String> headers)
      throws DeliveryException {
    String shown = shown(url);
    boolean referenced = SecretReferences.hasReferences(url);
    HttpRequest request;
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(secrets.expand(url)))
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("User-Agent", "tenant-pulse-alerting")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(builder::header);
      request = builder.build();
    } catch (IllegalArgumentException e) {
      // Not e's message: it quotes the URL as expanded.
      throw new DeliveryException(
          "cannot POST to " + shown + ": not a usable http(s) URL or header", true);
    }
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // With references, only the exception's type: its message may name the expanded host.
      // With references, only the exception's type (and no cause to log): its message may name
      // the expanded host.
      throw referenced
          ? new DeliveryException("POST " + shown + " failed: " + e.getClass().getName(), false)
          : new DeliveryException("POST " + shown + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while posting to " + shown, e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
    // Redacted before it is cut, so that no part of a value the receiver echoes is left.
    String answer =
        response.body() == null ? "" : secrets.redact(response.body(), channel.settings());
    throw new DeliveryException(
        "POST " + shown + " answered " + status + (answer.isBlank() ? "" : ": " + cut(answer)),
        permanent);
  }

  /**
   * The URL as written, cut after its scheme and authority, without user info: {@code
   * https://hooks.slack.com}, or {@code ${SLACK_WEBHOOK_URL}} for a URL that is one reference.
   */
  static String shown(String written) {
    int scheme = written.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int end = start;
    while (end < written.length() && "/?#".indexOf(written.charAt(end)) < 0) {
      end++;
    }
    int userInfo = written.lastIndexOf('@', end - 1);
    return written.substring(0, start) + written.substring(Math.max(start, userInfo + 1), end);
  }

  private static String cut(String answer) {
    if (answer.codePointCount(0, answer.length()) <= ANSWER_SHOWN) {
      return answer;
    }
    return answer.substring(0, answer.offsetByCodePoints(0, ANSWER_SHOWN)) + "…";
  }
}
