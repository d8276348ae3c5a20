package dev.tenantpulse.collector.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the collector refuses, with the status and the reason the client sees: the shared
 * {@link dev.tenantpulse.access.web.ApiException} with the collector's own refusals. Thrown by any
 * layer; turned into an RFC 9457 problem response in one place ({@link ProblemAdvice}).
 */
public class ApiException extends dev.tenantpulse.access.web.ApiException {

  public ApiException(
      HttpStatus status,
      String code,
      String message,
      Duration retryAfter,
      Map<String, Object> details) {
    super(status, code, message, retryAfter, details);
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, code, message, null, null);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message, null, null);
  }

  public static ApiException forbidden(String code, String message) {
    return new ApiException(HttpStatus.FORBIDDEN, code, message, null, null);
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "too_large", message, null, null);
  }

  public static ApiException rateLimited(Duration retryAfter) {
    return rateLimited("events", retryAfter);
  }

  /** 429: this credential made more {@code unit} (events, reads) than its rate allows. */
  public static ApiException rateLimited(String unit, Duration retryAfter) {
    return new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        "rate_limited",
        "this "
            + (unit.equals("events") ? "API key sent more events" : "credential made more " + unit)
            + " than its rate allows; retry after the Retry-After delay",
        retryAfter,
        null);
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(HttpStatus.NOT_FOUND, code, message, null, null);
  }

  public static ApiException unavailable(String message, Duration retryAfter) {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE, "kafka_unavailable", message, retryAfter, null);
  }
}
