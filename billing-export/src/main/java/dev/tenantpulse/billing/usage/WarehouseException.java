package dev.tenantpulse.billing.usage;

/** The warehouse could not be read or written: the cycle stops (nothing is sent unread). */
public final class WarehouseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WarehouseException(String message, Throwable cause) {
    super(message, cause);
  }
}
