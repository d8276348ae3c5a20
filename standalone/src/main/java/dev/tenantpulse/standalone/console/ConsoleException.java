package dev.tenantpulse.standalone.console;

import dev.tenantpulse.access.web.ApiException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the console refuses or could not serve, with the status and reason the client sees: the
 * shared {@link ApiException}; a 429 carries {@code Retry-After: 1}.
 */
public class ConsoleException extends ApiException {

  public ConsoleException(HttpStatus status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ConsoleException(
      HttpStatus status, String code, String message, Map<String, Object> details) {
    super(
        status,
        code,
        message,
        status == HttpStatus.TOO_MANY_REQUESTS ? Duration.ofSeconds(1) : null,
        details);
  }

  public static ConsoleException badRequest(String code, String message) {
    return new ConsoleException(HttpStatus.BAD_REQUEST, code, message);
  }
}
