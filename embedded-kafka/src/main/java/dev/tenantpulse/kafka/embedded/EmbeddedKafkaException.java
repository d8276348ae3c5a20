package dev.tenantpulse.kafka.embedded;

/** The embedded broker could not be formatted, started, stopped or asked to create a topic. */
public class EmbeddedKafkaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }

  public EmbeddedKafkaException(String message) {
    super(message);
  }
}
