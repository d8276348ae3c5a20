package dev.tenantpulse.tenancy.events;

/**
 * Bytes that should have been written by {@link EventCodec} are not a complete event. Consumers see
 * this only for corrupt or foreign records on the topic, never for sender mistakes (the collector
 * validates before it writes).
 */
public final class EventDecodingException extends RuntimeException {

  public EventDecodingException(String message) {
    super(message);
  }

  public EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
