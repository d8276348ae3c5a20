package dev.tenantpulse.access;

import java.util.List;

/**
 * A user operation that was refused: what the web layer turns into 400, 404 or 409.
 *
 * @see Users
 */
public class UserException extends RuntimeException {

  /** Why, so that callers map it without reading the message. */
  public enum Reason {
    INVALID,
    EXISTS,
    UNKNOWN
  }

  private final Reason reason;
  private final List<String> problems;

  UserException(Reason reason, String message, List<String> problems) {
    super(message);
    this.reason = reason;
    this.problems = List.copyOf(problems);
  }

  public Reason reason() {
    return reason;
  }

  /** For {@link Reason#INVALID}: every problem at once. */
  public List<String> problems() {
    return problems;
  }
}
