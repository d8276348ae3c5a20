package dev.tenantpulse.alerting.channels;

import dev.tenantpulse.alerting.AlertingProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/** POSTs JSON for the HTTP channels and classifies the answer. */
@Component
public class HttpDelivery {

  private final HttpClient client;
  private final Duration timeout;

  public HttpDelivery(AlertingProperties properties) {
    this.timeout = properties.outbox().sendTimeout();
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * POSTs {@code body} to {@code url}; returns the response body on a 2xx, throws otherwise
   * (permanent for a 4xx other than 408 and 429).
   */
  public String post(String url, byte[] body, Map<String, String> headers)
      throws DeliveryException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "tenant-pulse-alerting")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DeliveryException("POST " + host(url) + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted while posting to " + host(url), e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
    String answer = response.body() == null ? "" : response.body();
    throw new DeliveryException(
        "POST "
            + host(url)
            + " answered "
            + status
            + (answer.isBlank() ? "" : ": " + answer.substring(0, Math.min(300, answer.length()))),
        permanent);
  }

  /** Scheme, host and port only: channel URLs often carry secrets in their path. */
  static String host(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }
}
