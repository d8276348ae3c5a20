package dev.tenantpulse.standalone.kafka;

import dev.tenantpulse.kafka.embedded.EmbeddedKafkaBroker;
import dev.tenantpulse.standalone.lifecycle.Service;
import java.nio.file.Path;

/**
 * The embedded KRaft broker (the Kafka jars, in this process) and the events topic. The topic is
 * created here, before the collector or the Flink source look for it.
 */
public final class KafkaService implements Service {

  private final Path dataDir;
  private final int port;
  private final String topic;
  private final int partitions;
  private EmbeddedKafkaBroker broker;

  public KafkaService(Path dataDir, int port, String topic, int partitions) {
    this.dataDir = dataDir;
    this.port = port;
    this.topic = topic;
    this.partitions = partitions;
  }

  @Override
  public String name() {
    return "Kafka broker (KRaft)";
  }

  @Override
  public Started start() {
    broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).port(port).build();
    broker.start();
    broker.createTopic(topic, partitions);
    return Started.at(broker.bootstrapServers());
  }

  /** {@code bootstrap.servers} for clients; valid once started. */
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String topic() {
    return topic;
  }

  @Override
  public void stop() {
    broker.close();
  }
}
