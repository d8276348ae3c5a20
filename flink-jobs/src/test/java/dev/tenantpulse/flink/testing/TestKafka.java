package dev.tenantpulse.flink.testing;

import dev.tenantpulse.kafka.embedded.EmbeddedKafkaBroker;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.TenantErasureNotice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/** The one real KRaft broker of the test JVM; a topic per test. */
public final class TestKafka {

  private static EmbeddedKafkaBroker broker;

  private TestKafka() {}

  public static synchronized EmbeddedKafkaBroker broker() {
    if (broker == null) {
      try {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kafka-");
        broker = EmbeddedKafkaBroker.builder().dataDir(dir).build();
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return broker;
  }

  public static String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /**
   * A topic no other test uses, with {@code partitions} partitions, that keeps its records for
   * good.
   *
   * <p>Scenario records carry their receive time (2026-01 and on) as record timestamp; the broker's
   * time-based retention (7 days by default, checked every 5 minutes) would delete them mid-test,
   * and a consumer whose position fell off the log jumps to its end.
   */
  public static String freshTopic(String hint, int partitions) {
    String topic = hint + "-" + UUID.randomUUID().toString().substring(0, 8);
    broker().createTopic(topic, partitions);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      admin
          .incrementalAlterConfigs(
              Map.of(
                  new ConfigResource(ConfigResource.Type.TOPIC, topic),
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET))))
          .all()
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot keep the records of " + topic, e.getCause());
    }
    return topic;
  }

  /**
   * Sends arrivals as the collector would: key = tenant_id, value = EventCodec JSON, record
   * timestamp = receive time; returns once all are acknowledged.
   */
  public static void send(String topic, List<ScenarioEvent> arrivals) {
    EventCodec codec = new EventCodec();
    List<Future<RecordMetadata>> sent = new ArrayList<>(arrivals.size());
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (ScenarioEvent a : arrivals) {
        sent.add(
            producer.send(
                new ProducerRecord<>(
                    topic,
                    null,
                    a.receivedAt().toEpochMilli(),
                    a.event().tenantId(),
                    codec.encode(a.event()))));
      }
      producer.flush();
    }
    awaitAll(sent);
  }

  private static void awaitAll(List<Future<RecordMetadata>> sent) {
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a test record was not written", e.getCause());
    }
  }

  /** The partition the producer's default partitioner gives a record keyed by {@code tenantId}. */
  public static int partitionOf(String tenantId, int partitions) {
    byte[] key = tenantId.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  /** Sends a tenant's erasure notice, as the collector's erasure does. */
  public static void sendErasureNotice(String topic, String tenantId, Instant erasedAt) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topic,
            null,
            erasedAt.toEpochMilli(),
            tenantId,
            new TenantErasureNotice(tenantId, erasedAt).encode());
    record.headers().add(TenantErasureNotice.HEADER, TenantErasureNotice.headerValue());
    try (KafkaProducer<String, byte[]> producer = producer()) {
      awaitAll(List.of(producer.send(record)));
    }
  }

  /** Sends a raw record value (e.g. one that is not an event). */
  public static void sendRaw(String topic, String key, byte[] value, long timestamp) {
    Future<RecordMetadata> sent;
    try (KafkaProducer<String, byte[]> producer = producer()) {
      sent = producer.send(new ProducerRecord<>(topic, null, timestamp, key, value));
      producer.flush();
    }
    awaitAll(List.of(sent));
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}
