package dev.tenantpulse.kafka.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an embedded broker until Ctrl-C, for trying clients against it by hand:
 *
 * <pre>
 * ./mvnw -q -pl embedded-kafka compile exec:java \
 *     -Dexec.mainClass=dev.tenantpulse.kafka.embedded.EmbeddedKafkaMain \
 *     -Dexec.args="9092 data/kafka num.partitions=8"
 * </pre>
 *
 * <p>Arguments: the port (default 9092), the data directory (default {@code data/kafka}), then any
 * broker properties as {@code key=value}.
 */
public final class EmbeddedKafkaMain {

  private EmbeddedKafkaMain() {}

  public static void main(String[] args) throws InterruptedException {
    // Kafka logs every config value and state change at INFO; a person at a terminal wants the
    // broker's own lines. Only defaults: -D on the command line still wins.
    quietDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    quietDefault("org.slf4j.simpleLogger.log.dev.tenantpulse", "info");
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
    Path dataDir = Path.of(args.length > 1 ? args[1] : "data/kafka");
    EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port);
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("Expected key=value, got " + args[i]);
      }
      builder.property(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    EmbeddedKafkaBroker broker = builder.build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                },
                "embedded-kafka-shutdown"));
    broker.start();
    System.out.println(
        "Kafka on " + broker.bootstrapServers() + " (data " + dataDir + "); Ctrl-C stops it");
    stopped.await();
  }

  private static void quietDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
