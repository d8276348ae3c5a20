package dev.tenantpulse.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code kafka-storage.sh format} does, through the same Java API ({@link Formatter}, as
 * {@code kafka.tools.StorageTool} drives it in Kafka 4.1), but only for directories that are not
 * formatted yet: the data directory of the embedded default outlives the process, and a formatted
 * directory keeps the cluster id in its {@code meta.properties}.
 */
final class StorageFormat {

  private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);

  private StorageFormat() {}

  /** Formats the configured log directories when none is formatted; returns the cluster id. */
  static String ensureFormatted(KafkaConfig config) {
    List<String> logDirs = config.logDirs();
    MetaPropertiesEnsemble existing = load(config);
    if (!existing.errorLogDirs().isEmpty()) {
      throw new EmbeddedKafkaException(
          "Cannot read meta.properties in " + existing.errorLogDirs() + ": fix or empty it");
    }
    if (existing.clusterId().isPresent()) {
      return existing.clusterId().get();
    }
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(printStream)
          .setNodeId(config.nodeId())
          .setClusterId(clusterId)
          .setControllerListenerName(config.controllerListenerNames().get(0))
          .setMetadataLogDirectory(config.metadataLogDir())
          .setDirectories(logDirs)
          // Static voters (controller.quorum.voters), so kraft.version 0 as StorageTool picks it.
          .setHasDynamicQuorum(false)
          .run();
    } catch (Exception e) {
      throw new EmbeddedKafkaException("Cannot format Kafka storage in " + logDirs, e);
    }
    LOG.info(
        "Formatted Kafka storage in {} for new cluster {}: {}",
        logDirs,
        clusterId,
        output.toString(StandardCharsets.UTF_8).strip());
    return clusterId;
  }

  private static MetaPropertiesEnsemble load(KafkaConfig config) {
    try {
      return new MetaPropertiesEnsemble.Loader()
          .addLogDirs(config.logDirs())
          .addMetadataLogDir(config.metadataLogDir())
          .load();
    } catch (Exception e) {
      throw new EmbeddedKafkaException("Cannot read Kafka storage in " + config.logDirs(), e);
    }
  }
}
