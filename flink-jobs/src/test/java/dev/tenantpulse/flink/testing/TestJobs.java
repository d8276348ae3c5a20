package dev.tenantpulse.flink.testing;

import dev.tenantpulse.flink.config.JobConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Job configurations for tests: the shared broker and engine, a topic and database per test. */
public final class TestJobs {

  private static final Path CHECKPOINTS = Path.of("target", "checkpoints").toAbsolutePath();

  private TestJobs() {}

  /**
   * Reads {@code topic} from the start to the end offsets found at start (bounded), writes to
   * {@code database}; checkpoints every second; the idle timeout is long, so a replay of old events
   * never sees its watermark jump to the wall clock.
   */
  public static Map<String, String> properties(String topic, String database) {
    Map<String, String> p = new HashMap<>();
    p.put("kafka.bootstrap-servers", TestKafka.bootstrapServers());
    p.put("kafka.topic", topic);
    p.put("kafka.group-id", "test-" + UUID.randomUUID());
    p.put("kafka.starting-offsets", "earliest");
    p.put("kafka.bounded", "true");
    p.put("clickhouse.url", TestWarehouse.url());
    p.put("clickhouse.database", database);
    p.put("checkpoint.interval", "1s");
    p.put("events.idle-timeout", "10m");
    p.put("parallelism", "2");
    p.put("checkpoint.dir", CHECKPOINTS.toUri().toString());
    return p;
  }

  public static JobConfig config(String topic, String database) {
    return JobConfig.fromProperties(properties(topic, database));
  }

  public static JobConfig config(Map<String, String> properties) {
    return JobConfig.fromProperties(properties);
  }
}
