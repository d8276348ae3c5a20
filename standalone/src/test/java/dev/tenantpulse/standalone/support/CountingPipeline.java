package dev.tenantpulse.standalone.support;

import dev.tenantpulse.standalone.flink.StreamingPipeline;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A small stateful job for testing the runtime's Flink machinery without the product's pipeline: it
 * counts the records of the events topic per key (the collector keys them by tenant) in keyed
 * state, and writes each new count as {@code (tenant_id, events, version = events)} into a
 * ReplacingMergeTree table. After a restart the counts continue exactly when both the state and the
 * Kafka offsets were restored: a lost state restarts them at zero, lost offsets count records
 * twice.
 */
public final class CountingPipeline implements StreamingPipeline {

  public static final String DATABASE = "standalone_test";
  public static final String TABLE = DATABASE + ".event_counts";
  public static final String GROUP = "standalone-test-counter";

  /** Creates the table the job writes (on the process's one engine). */
  public static void createTable(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (tenant_id String, events UInt64, version UInt64)"
              + " ENGINE = ReplacingMergeTree(version) ORDER BY tenant_id");
    }
  }

  @Override
  public String jobName() {
    return "standalone-test-counter";
  }

  @Override
  public Optional<String> consumerGroup() {
    return Optional.of(GROUP);
  }

  /** The runtime's migrated dead-letter table, as the product's job names it. */
  @Override
  public Optional<String> rejectedEventsTable() {
    return Optional.of("tenant_pulse.rejected_events");
  }

  @Override
  public void define(StreamExecutionEnvironment env, PipelineEndpoints endpoints) {
    KafkaSource<String> source =
        KafkaSource.<String>builder()
            .setBootstrapServers(endpoints.kafkaBootstrapServers())
            .setTopics(endpoints.topic())
            .setGroupId(GROUP)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new TenantKey())
            .build();
    env.fromSource(
            source,
            WatermarkStrategy.<String>forBoundedOutOfOrderness(Duration.ofSeconds(1))
                .withIdleness(Duration.ofSeconds(5)),
            "events")
        .uid("events-source")
        .keyBy(tenant -> tenant)
        .process(new Count())
        .uid("count")
        .sinkTo(new CountSink(endpoints.clickhouseUrl()))
        .uid("count-sink");
  }

  static final class TenantKey implements KafkaRecordDeserializationSchema<String> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
      out.collect(new String(record.key(), StandardCharsets.UTF_8));
    }

    @Override
    public TypeInformation<String> getProducedType() {
      return Types.STRING;
    }
  }

  static final class Count extends KeyedProcessFunction<String, String, Tuple2<String, Long>> {
    private transient ValueState<Long> count;

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(String tenant, Context ctx, Collector<Tuple2<String, Long>> out)
        throws Exception {
      long next = (count.value() == null ? 0 : count.value()) + 1;
      count.update(next);
      out.collect(Tuple2.of(tenant, next));
    }
  }

  /** Writes each count at once (a handful of records in tests; no batching needed). */
  static final class CountSink implements Sink<Tuple2<String, Long>> {
    private final String url;

    CountSink(String url) {
      this.url = url;
    }

    @Override
    public SinkWriter<Tuple2<String, Long>> createWriter(WriterInitContext context) {
      return new SinkWriter<>() {
        private Connection connection;

        @Override
        public void write(Tuple2<String, Long> row, Context ctx) throws java.io.IOException {
          try {
            if (connection == null) {
              connection = DriverManager.getConnection(url);
            }
            try (PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO " + TABLE + " (tenant_id, events, version) VALUES (?, ?, ?)")) {
              insert.setString(1, row.f0);
              insert.setLong(2, row.f1);
              insert.setLong(3, row.f1);
              insert.executeUpdate();
            }
          } catch (SQLException e) {
            throw new java.io.IOException(e);
          }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() throws SQLException {
          if (connection != null) {
            connection.close();
          }
        }
      };
    }
  }
}
