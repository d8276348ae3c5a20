package dev.tenantpulse.access;

/** The user store could not be read or written (a file unreadable, a database down). */
public class UserStoreException extends RuntimeException {

  public UserStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public UserStoreException(String message) {
    super(message);
  }
}
