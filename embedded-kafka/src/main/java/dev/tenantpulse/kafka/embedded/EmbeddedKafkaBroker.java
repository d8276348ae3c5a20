package dev.tenantpulse.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker (KRaft, {@code process.roles=broker,controller}, one node) running
 * inside this JVM, started from the Kafka jars.
 *
 * <p>Why in-process: the embedded default of Tenant Pulse is one JVM (collector, Flink MiniCluster,
 * chDB) and should need no Kafka installation; and the tests of the collector and the Flink jobs
 * share one real broker per test JVM instead of a container per class. It runs the same broker code
 * as a Kafka cluster ({@code kafka.server.KafkaRaftServer} 4.1), so {@code acks=all}, idempotence,
 * transactions and consumer groups behave as in production.
 *
 * <p>Limits, why this is not for production: a single node, so every topic has replication factor 1
 * and min ISR 1 (losing the data directory loses the data); PLAINTEXT on 127.0.0.1 only, no
 * security; Kafka's own metrics registry (Yammer, JMX) is JVM-global, so two brokers in one JVM
 * share metric names; and a fatal metadata fault makes Kafka halt the JVM, as it would halt a
 * standalone broker. Production uses a Kafka cluster.
 *
 * <p>The data directory is formatted on first start only (a random cluster id is kept in its {@code
 * meta.properties}) and survives {@link #stop()}, {@link #close()} and a new process. Each start
 * writes one record to {@value #READINESS_TOPIC}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().dataDir(dir).build()) {
 *   kafka.start();
 *   kafka.createTopic("tenant-events", 4);
 *   // clients use kafka.bootstrapServers()
 * }
 * }</pre>
 *
 * <p>Thread-safe: start, stop, close and createTopic may be called from any thread; they are
 * serialised.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  /** The one-partition topic each start writes an {@code acks=all} record to. */
  public static final String READINESS_TOPIC = ReadinessProbe.TOPIC;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int START_ATTEMPTS = 3;

  private final Object lock = new Object();
  private final BrokerSettings settings;
  private final Path dataDir;
  private volatile int port;
  private volatile String clusterId;
  private KafkaRaftServer server; // guarded by lock
  private DataDirLock dataDirLock; // guarded by lock, held while server != null
  private boolean closed; // guarded by lock

  private EmbeddedKafkaBroker(BrokerSettings settings) {
    this.settings = settings;
    this.dataDir = settings.dataDir() != null ? settings.dataDir() : createTemporaryDir();
    this.port = settings.port();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats the data directory if needed, starts the broker and returns once it acknowledged an
   * {@code acks=all} produce. Does nothing when already running. After {@link #stop()} the broker
   * comes back on the same port with the same data.
   *
   * @throws EmbeddedKafkaException when it did not get there within the start timeout; nothing is
   *     left running then
   */
  public void start() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("Embedded Kafka broker on " + dataDir() + " is closed");
      }
      if (server != null) {
        return;
      }
      long begin = System.nanoTime();
      long deadline = begin + settings.startTimeout().toNanos();
      createDirectories(dataDir);
      DataDirLock acquired = DataDirLock.acquire(dataDir);
      try {
        KafkaRaftServer started = launch(deadline);
        try {
          ReadinessProbe.awaitAcksAll(
              bootstrapServers(), Duration.ofMillis(TopicAdmin.remainingMillis(deadline)));
        } catch (RuntimeException e) {
          shutdownAfterFailure(started, e);
          throw e;
        }
        server = started;
        dataDirLock = acquired;
      } finally {
        if (server == null) {
          acquired.close();
        }
      }
      LOG.info(
          "Embedded Kafka broker started on {} in {} ms (cluster {}, data {})",
          bootstrapServers(),
          Duration.ofNanos(System.nanoTime() - begin).toMillis(),
          clusterId,
          dataDir());
    }
  }

  /** Shuts the broker down cleanly, keeping its data and port for the next {@link #start()}. */
  public void stop() {
    synchronized (lock) {
      if (server == null) {
        return;
      }
      long begin = System.nanoTime();
      KafkaRaftServer stopping = server;
      server = null;
      try {
        shutdown(stopping);
      } finally {
        dataDirLock.close();
        dataDirLock = null;
      }
      LOG.info(
          "Embedded Kafka broker on {} stopped in {} ms",
          bootstrapServers(),
          Duration.ofNanos(System.nanoTime() - begin).toMillis());
    }
  }

  /**
   * Stops the broker for good. The data directory is kept, unless the builder was given none (then
   * it was a temporary directory and is deleted).
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      stop();
      closed = true;
      if (settings.dataDir() == null) {
        deleteRecursively(dataDir);
      }
    }
  }

  /**
   * Creates a topic with the broker's replication factor (1), or accepts an existing one with the
   * same partition count, and returns once every partition has a leader.
   *
   * @throws EmbeddedKafkaException when the topic exists with another partition count, or the
   *     broker does not answer within the start timeout
   */
  public void createTopic(String name, int partitions) {
    Objects.requireNonNull(name, "name");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    synchronized (lock) {
      if (server == null) {
        throw new IllegalStateException("Embedded Kafka broker is not running: start() it first");
      }
      TopicAdmin.createTopic(bootstrapServers(), name, partitions, settings.startTimeout());
    }
  }

  /**
   * The {@code bootstrap.servers} value for clients, {@code 127.0.0.1:<port>}.
   *
   * @throws IllegalStateException before the first start when the port is to be chosen then
   */
  public String bootstrapServers() {
    return BrokerProperties.HOST + ":" + port();
  }

  /**
   * The broker's PLAINTEXT port: the configured one, or the one chosen on the first start.
   *
   * @throws IllegalStateException before the first start when the port is to be chosen then
   */
  public int port() {
    int current = port;
    if (current == 0) {
      throw new IllegalStateException("The port is chosen on the first start(); call it first");
    }
    return current;
  }

  /** The cluster id in the data directory's {@code meta.properties}, or null before a start. */
  public String clusterId() {
    return clusterId;
  }

  /** The broker's {@code log.dirs}: the configured directory, or the temporary one. */
  public Path dataDir() {
    return dataDir;
  }

  public boolean isRunning() {
    synchronized (lock) {
      return server != null;
    }
  }

  private KafkaRaftServer launch(long deadline) {
    for (int attempt = 1; ; attempt++) {
      boolean portChosenHere = port == 0;
      int brokerPort = portChosenHere ? Ports.pickFree() : port;
      int controllerPort = Ports.pickFree();
      KafkaConfig config =
          new KafkaConfig(
              BrokerProperties.render(
                  dataDir(),
                  brokerPort,
                  controllerPort,
                  TopicAdmin.remainingMillis(deadline),
                  settings.properties()),
              false);
      clusterId = StorageFormat.ensureFormatted(config);
      KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
      try {
        candidate.startup();
        port = brokerPort;
        return candidate;
      } catch (RuntimeException e) {
        shutdownAfterFailure(candidate, e);
        boolean lostRace =
            Ports.isBindFailure(e, controllerPort)
                || (portChosenHere && Ports.isBindFailure(e, brokerPort));
        if (lostRace && attempt < START_ATTEMPTS) {
          LOG.info("A port chosen for the embedded Kafka broker was taken meanwhile; retrying");
          continue;
        }
        throw new EmbeddedKafkaException(
            "Embedded Kafka broker on "
                + BrokerProperties.HOST
                + ":"
                + brokerPort
                + " (data "
                + dataDir()
                + ") failed to start: "
                + e.getMessage(),
            e);
      }
    }
  }

  private static void shutdown(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      throw new EmbeddedKafkaException("Embedded Kafka broker did not shut down cleanly", e);
    }
  }

  private static void shutdownAfterFailure(KafkaRaftServer server, RuntimeException failure) {
    try {
      shutdown(server);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static Path createTemporaryDir() {
    try {
      return Files.createTempDirectory("embedded-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary Kafka data directory", e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the Kafka data directory " + dir, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the temporary data directory " + dir, e);
    }
  }

  /** Collects the settings of an {@link EmbeddedKafkaBroker}; {@link #build()} validates them. */
  public static final class Builder {
    private Path dataDir;
    private int port;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Where the broker keeps its logs and metadata ({@code log.dirs}); created when missing,
     * formatted when not formatted yet, never deleted. Without it: a temporary directory that
     * {@link EmbeddedKafkaBroker#close()} deletes.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** The PLAINTEXT port on 127.0.0.1; 0 (the default) picks a free one on the first start. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Any broker property, overriding this module's defaults; not the listener, quorum and
     * directory properties, which follow from the other settings.
     */
    public Builder property(String key, String value) {
      properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** How long {@code start()} and {@code createTopic} may take (default 60 s). */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
      return this;
    }

    /**
     * @throws IllegalArgumentException listing every bad setting
     */
    public EmbeddedKafkaBroker build() {
      return new EmbeddedKafkaBroker(new BrokerSettings(dataDir, port, properties, startTimeout));
    }
  }
}
