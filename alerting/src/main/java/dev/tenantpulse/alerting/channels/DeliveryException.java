package dev.tenantpulse.alerting.channels;

/**
 * A delivery the channel did not accept. {@code permanent} failures (a 4xx other than 408 and 429:
 * the request itself is wrong) are given up at once; others are retried with backoff.
 */
public class DeliveryException extends Exception {

  private final boolean permanent;

  public DeliveryException(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  public DeliveryException(String message, Throwable cause) {
    super(message, cause);
    this.permanent = false;
  }

  public boolean permanent() {
    return permanent;
  }
}
