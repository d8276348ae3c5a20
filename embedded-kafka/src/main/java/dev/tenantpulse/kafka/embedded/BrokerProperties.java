package dev.tenantpulse.kafka.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The configuration of the single node: broker and KRaft controller in one process, listening on
 * the loopback interface only, with every internal topic at replication factor 1 (there is no
 * second replica to wait for).
 */
final class BrokerProperties {

  static final String HOST = "127.0.0.1";
  static final String BROKER_LISTENER = "PLAINTEXT";
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  /**
   * Keys derived from the data directory, the ports and the start timeout. A caller's value for one
   * of them would break formatting, the port report or a restart on the same port, so the builder
   * refuses them.
   */
  static final Set<String> MANAGED =
      Set.of(
          "process.roles",
          "listeners",
          "advertised.listeners",
          "listener.security.protocol.map",
          "inter.broker.listener.name",
          "controller.listener.names",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "log.dir",
          "log.dirs",
          "metadata.log.dir",
          "server.max.startup.time.ms");

  private BrokerProperties() {}

  /** The defaults a caller may override with {@code property(key, value)}. */
  static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("node.id", "1");
    defaults.put("num.partitions", "4");
    defaults.put("auto.create.topics.enable", "false");
    // Single node: the defaults (3 replicas, min ISR 2) would make these internal topics
    // impossible to create, and consumer groups and transactions would never work.
    defaults.put("offsets.topic.replication.factor", "1");
    defaults.put("transaction.state.log.replication.factor", "1");
    defaults.put("transaction.state.log.min.isr", "1");
    defaults.put("share.coordinator.state.topic.replication.factor", "1");
    defaults.put("share.coordinator.state.topic.min.isr", "1");
    // 50 partitions each (the default) spread load over brokers we do not have; one partition makes
    // the first consumer group and the first transactional producer ready in well under a second.
    defaults.put("offsets.topic.num.partitions", "1");
    defaults.put("transaction.state.log.num.partitions", "1");
    // Tests and the embedded service start consumers one after another; waiting 3 s for more
    // members to join each new group only slows them down.
    defaults.put("group.initial.rebalance.delay.ms", "0");
    // The cleaner allocates this buffer up front (default 128 MiB) for compacted topics. 2 MiB
    // dedupes ~87k keys per pass, plenty for one node, and keeps the JVM's RSS small.
    defaults.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    return defaults;
  }

  /**
   * Renders the complete broker configuration.
   *
   * @param extra the caller's properties; they override {@link #defaults()} and may not name a
   *     {@link #MANAGED} key
   */
  static Map<String, String> render(
      Path dataDir,
      int brokerPort,
      int controllerPort,
      long maxStartupMs,
      Map<String, String> extra) {
    Map<String, String> props = defaults();
    props.putAll(extra);
    String nodeId = props.get("node.id");
    String broker = BROKER_LISTENER + "://" + HOST + ":" + brokerPort;
    String controller = CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort;
    props.put("process.roles", "broker,controller");
    props.put("listeners", broker + "," + controller);
    props.put("advertised.listeners", broker);
    props.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", BROKER_LISTENER);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    // A static voter set (kraft.version 0): the controller's address lives in this configuration
    // only, not in the formatted storage, so each start may pick a new free controller port.
    props.put("controller.quorum.voters", nodeId + "@" + HOST + ":" + controllerPort);
    props.put("log.dirs", dataDir.toAbsolutePath().toString());
    // Kafka's own deadline for every wait inside KafkaRaftServer.startup (default: forever).
    props.put("server.max.startup.time.ms", String.valueOf(Math.max(1, maxStartupMs)));
    return props;
  }
}
