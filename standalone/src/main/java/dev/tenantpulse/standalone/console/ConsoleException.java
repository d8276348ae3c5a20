package dev.tenantpulse.standalone.console;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request the console refuses or could not serve, with the status and reason the client sees. */
public class ConsoleException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final Map<String, Object> details;

  public ConsoleException(HttpStatus status, String code, String message) {
    this(status, code, message, Map.of());
  }

  public ConsoleException(
      HttpStatus status, String code, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = Map.copyOf(details);
  }

  public static ConsoleException badRequest(String code, String message) {
    return new ConsoleException(HttpStatus.BAD_REQUEST, code, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }
}
