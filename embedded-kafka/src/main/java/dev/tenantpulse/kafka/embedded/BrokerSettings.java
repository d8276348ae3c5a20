package dev.tenantpulse.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link EmbeddedKafkaBroker} is built from.
 *
 * @param dataDir the broker's {@code log.dirs}, or null for a temporary directory deleted on close
 * @param port the PLAINTEXT port on 127.0.0.1, 0 for any free port
 * @param properties broker properties overriding {@link BrokerProperties#defaults()}
 * @param startTimeout how long a start or a topic creation may take
 */
record BrokerSettings(
    Path dataDir, int port, Map<String, String> properties, Duration startTimeout) {

  /**
   * @throws IllegalArgumentException listing every bad setting
   */
  BrokerSettings {
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(startTimeout, "startTimeout");
    List<String> problems = new ArrayList<>();
    if (port < 0 || port > 65_535) {
      problems.add("port must be 0 (any free port) to 65535, got " + port);
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      problems.add("startTimeout must be positive, got " + startTimeout);
    }
    properties.keySet().stream()
        .filter(BrokerProperties.MANAGED::contains)
        .sorted()
        .forEach(
            key ->
                problems.add(
                    "Kafka property "
                        + key
                        + " is derived from dataDir, port and startTimeout; remove it"));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid embedded Kafka settings: " + String.join("; ", problems));
    }
    dataDir = dataDir == null ? null : dataDir.toAbsolutePath();
    properties = Map.copyOf(properties);
  }
}
