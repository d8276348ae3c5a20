package dev.tenantpulse.billing.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stripe's meter event endpoint over {@code java.net.http}: one form-encoded {@code POST
 * /v1/billing/meter_events} per event, and nothing else of Stripe's API. Thread-safe.
 *
 * <p>The event's identifier is also the request's {@code Idempotency-Key}: a retry of a call whose
 * answer was lost gets Stripe's stored answer instead of a second event, on top of Stripe's own
 * uniqueness check of identifiers.
 */
public final class StripeClient {

  /** Pinned so a change of the account's default version cannot change what a call means. */
  public static final String API_VERSION = "2025-03-31.basil";

  private final URI endpoint;
  private final StripeSecretKey key;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * @param baseUrl {@code https://api.stripe.com} (or a local fake in tests)
   * @param timeout for one call, connection included
   */
  public StripeClient(URI baseUrl, StripeSecretKey key, Duration timeout) {
    this.endpoint = baseUrl.resolve("/v1/billing/meter_events");
    this.key = key;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Sends one event; never throws for what the network or Stripe does. */
  public SendOutcome send(MeterEvent event) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Authorization", key.bearer())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Stripe-Version", API_VERSION)
            .header("Idempotency-Key", event.identifier())
            .POST(HttpRequest.BodyPublishers.ofString(form(event)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return new SendOutcome.Transient("timed out after " + timeout);
    } catch (IOException e) {
      return new SendOutcome.Transient("connection failed: " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendOutcome.Transient("interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new SendOutcome.Accepted();
    }
    String message = StripeErrors.message(response.body());
    if (status == 429) {
      return new SendOutcome.RateLimited(message);
    }
    if (status >= 500) {
      return new SendOutcome.Transient("HTTP " + status + ": " + message);
    }
    return new SendOutcome.Refused(status, message);
  }

  /** The form body, in the field order of Stripe's documentation. */
  static String form(MeterEvent event) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("event_name", event.eventName());
    fields.put("payload[stripe_customer_id]", event.customerId());
    fields.put("payload[value]", Long.toString(event.value()));
    fields.put("identifier", event.identifier());
    fields.put("timestamp", Long.toString(event.timestamp().getEpochSecond()));
    return fields.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
