package dev.tenantpulse.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports, and recognising the failure when one was taken in the meantime. */
final class Ports {

  private Ports() {}

  /**
   * A port that was free a moment ago. {@code KafkaRaftServer} cannot report the port it bound for
   * {@code listeners=...:0} (its servers are private) and the controller's port must be written
   * into {@code controller.quorum.voters} before it starts, so ports are chosen up front and the
   * rare race with another process is retried by the caller.
   */
  static int pickFree() {
    try (ServerSocket socket =
        new ServerSocket(0, 1, InetAddress.getByName(BrokerProperties.HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on " + BrokerProperties.HOST, e);
    }
  }

  /** Whether Kafka failed to start because {@code port} was already bound. */
  static boolean isBindFailure(Throwable failure, int port) {
    // Kafka wraps the BindException as "Socket server failed to bind to 127.0.0.1:9092: ...".
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("failed to bind") && message.contains(":" + port + ":")) {
        return true;
      }
    }
    return false;
  }
}
