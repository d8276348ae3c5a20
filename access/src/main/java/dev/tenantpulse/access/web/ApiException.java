package dev.tenantpulse.access.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request a service refuses or could not serve, with the status, a stable {@code code}, the
 * reason the client sees, and optional extra problem members and headers. Turned into an RFC 9457
 * problem in one place ({@link ProblemHandlers}). Services subclass it for their own factories.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final Duration retryAfter;
  private final transient Map<String, Object> details;
  private final Map<String, List<String>> headers;

  /**
   * @param retryAfter sent as {@code Retry-After} when not null (429, 503)
   * @param details extra members of the problem body, e.g. the list of problems; null: none
   */
  public ApiException(
      HttpStatus status,
      String code,
      String message,
      Duration retryAfter,
      Map<String, Object> details) {
    this(status, code, message, retryAfter, details, Map.of());
  }

  public ApiException(HttpStatus status, String code, String message, Map<String, Object> details) {
    this(status, code, message, null, details, Map.of());
  }

  public ApiException(HttpStatus status, String code, String message) {
    this(status, code, message, null, null, Map.of());
  }

  protected ApiException(
      HttpStatus status,
      String code,
      String message,
      Duration retryAfter,
      Map<String, Object> details,
      Map<String, List<String>> headers) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.details = details == null ? Map.of() : Map.copyOf(details);
    this.headers = Map.copyOf(headers);
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, code, message);
  }

  public static ApiException notFound(String code, String message) {
    return new ApiException(HttpStatus.NOT_FOUND, code, message);
  }

  /** 401 with the challenges that tell a client which schemes this service takes. */
  public static ApiException unauthorized(String message) {
    return new ApiException(
        HttpStatus.UNAUTHORIZED,
        "unauthorized",
        message,
        null,
        null,
        Map.of("WWW-Authenticate", AccessGuard.CHALLENGES));
  }

  public static ApiException forbidden(String code, String message, Map<String, Object> details) {
    return new ApiException(HttpStatus.FORBIDDEN, code, message, details);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Null when none. */
  public Duration retryAfter() {
    return retryAfter;
  }

  public Map<String, Object> details() {
    return details;
  }

  /** Headers the answer carries besides {@code Retry-After}. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** Details in insertion order, for subclasses building them. */
  protected static Map<String, Object> details(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
