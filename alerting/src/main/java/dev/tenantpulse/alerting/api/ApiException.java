package dev.tenantpulse.alerting.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with its status, a stable code and the reason: the shared {@link
 * dev.tenantpulse.access.web.ApiException}, turned into an RFC 9457 problem in one place ({@link
 * ProblemAdvice}).
 */
public class ApiException extends dev.tenantpulse.access.web.ApiException {

  public ApiException(HttpStatus status, String code, String message, Map<String, Object> details) {
    super(status, code, message, details);
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, code, message, null);
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, "not_found", message, null);
  }
}
