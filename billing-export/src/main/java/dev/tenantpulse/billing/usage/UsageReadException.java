package dev.tenantpulse.billing.usage;

/** The warehouse could not be read: the cycle stops before anything is sent. */
public final class UsageReadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UsageReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
