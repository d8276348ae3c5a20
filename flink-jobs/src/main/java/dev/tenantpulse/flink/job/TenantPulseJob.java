package dev.tenantpulse.flink.job;

import dev.tenantpulse.flink.config.JobConfig;
import dev.tenantpulse.flink.dedup.FirstCopyFilter;
import dev.tenantpulse.flink.events.CountedEvents;
import dev.tenantpulse.flink.events.EventsTableWriter;
import dev.tenantpulse.flink.eventtime.EventTimeWatermarks;
import dev.tenantpulse.flink.eventtime.LatenessClassifier;
import dev.tenantpulse.flink.metrics.MetricOptions;
import dev.tenantpulse.flink.metrics.MetricPipelines;
import dev.tenantpulse.flink.metrics.MetricStreams;
import dev.tenantpulse.flink.metrics.RowStream;
import dev.tenantpulse.flink.sink.ClickHouseOptions;
import dev.tenantpulse.flink.sink.ClickHouseSink;
import dev.tenantpulse.flink.sink.TableWriter;
import dev.tenantpulse.flink.source.KafkaEventSource;
import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.tenancy.events.TenantEvent;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming job: {@code tenant-events} → lateness → dedup → {@code events} and every metric
 * table. Built on a given environment, so {@code flink run} ({@link TenantPulseJobMain}), the
 * one-process runtime and the tests all run this same graph.
 *
 * <pre>
 *  Kafka (per-partition silence-aware watermarks)
 *    → classify lateness (chained to the source: partition order, checkpointed)
 *    → keyBy (tenant_id, id) → first copy only (TTL state)
 *        ├→ events (late = 0 / 1)
 *        └→ counted events (not late) → metric pipelines → their tables
 * </pre>
 *
 * <p>Checkpoints are exactly-once (aligned): the dedup state must hold exactly the events before
 * the barrier, or a restore would drop replayed events as duplicates of themselves. The sink is
 * at-least-once and idempotent ({@link ClickHouseSink}).
 */
public final class TenantPulseJob {

  public static final String JOB_NAME = "tenant-pulse";

  private TenantPulseJob() {}

  /** Configures {@code env} and builds the whole streaming job from Kafka on it. */
  public static void build(StreamExecutionEnvironment env, JobConfig config) {
    configure(env, config);
    attach(source(env, config), config);
  }

  /** Checkpointing, parallelism, and no silent Kryo fallback for a type Flink cannot serialise. */
  public static void configure(StreamExecutionEnvironment env, JobConfig config) {
    Configuration settings = new Configuration();
    settings.set(PipelineOptions.GENERIC_TYPES, false);
    // Every record the job passes on is immutable (Java records), so chained operators may share
    // an instance instead of copying it through its serializer at each hop.
    settings.set(PipelineOptions.OBJECT_REUSE, true);
    if (config.checkpointDir() != null) {
      settings.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      settings.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
      // A cancelled job (a redeploy) can be started again from its last checkpoint.
      settings.set(
          CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }
    env.configure(settings);
    env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    if (config.parallelism() > 0) {
      env.setParallelism(config.parallelism());
    }
  }

  /** The events of {@code tenant-events}, with event timestamps and watermarks. */
  public static DataStream<ReceivedEvent> source(StreamExecutionEnvironment env, JobConfig config) {
    return env.fromSource(
            KafkaEventSource.of(config.kafka()),
            EventTimeWatermarks.forEvents(config.eventTime()),
            "kafka: " + config.kafka().topic())
        .uid("kafka-source");
  }

  /**
   * Everything after the source: lateness, dedup, the {@code events} table and the metrics. Tests
   * put a step of their own between the source and this.
   *
   * @return the events the metrics count
   */
  public static DataStream<TenantEvent> attach(
      DataStream<ReceivedEvent> received, JobConfig config) {
    DataStream<ReceivedEvent> firstCopies =
        received
            .process(new LatenessClassifier(config.eventTime()))
            .uid("classify-lateness")
            .name("classify lateness")
            .keyBy(FirstCopyFilter.KEY)
            .process(new FirstCopyFilter(config.dedupTtl()))
            .uid("dedup")
            .name("drop duplicates");
    sinkTo(firstCopies, new EventsTableWriter(), config.clickhouse());
    DataStream<TenantEvent> counted =
        firstCopies.process(new CountedEvents()).uid("counted-events").name("counted events");
    sinkAll(
        MetricPipelines.attach(
            counted, metricOptions(config).withBounded(config.kafka().bounded())),
        config.clickhouse());
    return counted;
  }

  /** The metric options the job's configuration implies (streaming: no emit range). */
  public static MetricOptions metricOptions(JobConfig config) {
    return MetricOptions.defaults()
        .withAllowedLateness(config.eventTime().allowedLateness())
        .withCatalog(config.catalog());
  }

  /** Writes every metric table's rows through the ClickHouse sink. */
  public static void sinkAll(MetricStreams streams, ClickHouseOptions options) {
    for (RowStream<?> rows : streams.all()) {
      sinkRows(rows, options);
    }
  }

  private static <T> void sinkRows(RowStream<T> rows, ClickHouseOptions options) {
    sinkTo(rows.stream(), rows.writer(), options);
  }

  /** Writes {@code rows} to their table through the ClickHouse sink. */
  public static <T> void sinkTo(
      DataStream<T> rows, TableWriter<T> writer, ClickHouseOptions options) {
    rows.sinkTo(new ClickHouseSink<>(options, writer))
        .uid("sink-" + writer.table())
        .name("clickhouse: " + writer.table());
  }
}
