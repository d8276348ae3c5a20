package dev.tenantpulse.flink.job;

import dev.tenantpulse.flink.config.JobConfig;
import dev.tenantpulse.flink.dedup.FirstCopyFilter;
import dev.tenantpulse.flink.events.CountedEvents;
import dev.tenantpulse.flink.events.EventsTableWriter;
import dev.tenantpulse.flink.eventtime.EventTimeWatermarks;
import dev.tenantpulse.flink.eventtime.LatenessAfterShuffle;
import dev.tenantpulse.flink.eventtime.LatenessClassifier;
import dev.tenantpulse.flink.eventtime.WithoutEventTime;
import dev.tenantpulse.flink.metrics.MetricOptions;
import dev.tenantpulse.flink.metrics.MetricPipelines;
import dev.tenantpulse.flink.metrics.MetricStreams;
import dev.tenantpulse.flink.metrics.RowStream;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.rejected.RejectedRecordCounter;
import dev.tenantpulse.flink.rejected.RejectedRecordWriter;
import dev.tenantpulse.flink.rejected.Rejections;
import dev.tenantpulse.flink.serialization.CompactTypeInfo;
import dev.tenantpulse.flink.sink.ClickHouseOptions;
import dev.tenantpulse.flink.sink.ClickHouseSink;
import dev.tenantpulse.flink.sink.TableWriter;
import dev.tenantpulse.flink.source.AcceptedEvents;
import dev.tenantpulse.flink.source.KafkaEventSource;
import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.flink.source.TenantErasure;
import dev.tenantpulse.tenancy.events.TenantEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming job: {@code tenant-events} → lateness → dedup → {@code events} and every metric
 * table. Built on a given environment, so {@code flink run} ({@link TenantPulseJobMain}), the
 * one-process runtime and the tests all run this same graph.
 *
 * <pre>
 *  Kafka (decode, event-time bounds; per-partition silence-aware watermarks)
 *    → accepted events (chained to the source)
 *    → classify lateness (chained to the source: partition order, checkpointed)
 *    → keyBy (tenant_id, id) → first copy only (TTL state)
 *    → lateness after the shuffle (more than one source reader only)
 *        ├→ events (late = 0 / 1)
 *        └→ counted events (not late) → metric pipelines → their tables
 *  erasure notices (side output of the source) → the per-tenant operator forgets the tenant
 *  records refused by any of these (side output {@link Rejections#TAG}) → rejected_events
 * </pre>
 *
 * <p>The job never stops for a record: what a stage cannot process (not an event, a timestamp out
 * of bounds, a value a metric cannot count) becomes a dead letter with the stage and the reason,
 * counted in {@code rejectedRecords} per stage; the sinks set aside the rows their table refuses
 * the same way ({@link ClickHouseSink}).
 *
 * <p>Checkpoints are exactly-once (aligned): the dedup state must hold exactly the events before
 * the barrier, or a restore would drop replayed events as duplicates of themselves. The sink is
 * at-least-once and idempotent ({@link ClickHouseSink}).
 */
public final class TenantPulseJob {

  public static final String JOB_NAME = "tenant-pulse";

  /**
   * RocksDB's {@code use-bloom-filter} (the RocksDB backend is on the cluster's class path only).
   */
  static final ConfigOption<Boolean> ROCKSDB_BLOOM_FILTER =
      ConfigOptions.key("state.backend.rocksdb.use-bloom-filter").booleanType().defaultValue(false);

  private TenantPulseJob() {}

  /** Configures {@code env} and builds the whole streaming job from Kafka on it. */
  public static void build(StreamExecutionEnvironment env, JobConfig config) {
    configure(env, config);
    SingleOutputStreamOperator<ReceivedEvent> received = source(env, config);
    attach(received, rejectedBy(received), erasuresFrom(received), config);
  }

  /** Checkpointing, parallelism, and no silent Kryo fallback for a type Flink cannot serialise. */
  public static void configure(StreamExecutionEnvironment env, JobConfig config) {
    Configuration settings = new Configuration();
    settings.set(PipelineOptions.GENERIC_TYPES, false);
    // Every record the job passes on is immutable (Java records), so chained operators may share
    // an instance instead of copying it through its serializer at each hop.
    settings.set(PipelineOptions.OBJECT_REUSE, true);
    settings.addAll(stateBackendSettings());
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

  /** What the job asks of the state backend, whichever the cluster runs. */
  public static Configuration stateBackendSettings() {
    Configuration settings = new Configuration();
    // Most dedup lookups are of ids never seen: on RocksDB a bloom filter per file answers those
    // without reading the file's index and data blocks (dedup CPU per arrival -38 %, bench-flink
    // --operators). Ignored by the heap backend; files written before get one at their next
    // compaction.
    settings.set(ROCKSDB_BLOOM_FILTER, true);
    return settings;
  }

  /**
   * The events of {@code tenant-events}, with event timestamps and watermarks; the records the
   * source refused are the side output {@link #rejectedBy} of the returned operator.
   */
  public static SingleOutputStreamOperator<ReceivedEvent> source(
      StreamExecutionEnvironment env, JobConfig config) {
    int readers =
        config.sourceParallelism() > 0 ? config.sourceParallelism() : env.getParallelism();
    return env.fromSource(
            KafkaEventSource.of(config.kafka(), config.eventTime().bounds()),
            EventTimeWatermarks.forEvents(config.eventTime(), readers == 1),
            "kafka: " + config.kafka().topic())
        .setParallelism(readers)
        .uid("kafka-source")
        .process(new AcceptedEvents())
        .setParallelism(readers)
        .returns(CompactTypeInfo.RECEIVED_EVENT)
        .uid("accepted-events")
        .name("accepted events");
  }

  /**
   * The tenants' erasure notices the source read ({@link #source}), without event time: the
   * per-tenant operator's watermark must be the events' alone ({@link WithoutEventTime}).
   */
  public static DataStream<TenantErasure> erasuresFrom(
      SingleOutputStreamOperator<ReceivedEvent> source) {
    return source
        .getSideOutput(AcceptedEvents.ERASURES)
        .transform(
            "erasure notices",
            TypeInformation.of(TenantErasure.class),
            new WithoutEventTime<TenantErasure>())
        .setParallelism(source.getParallelism())
        .uid("erasure-notices");
  }

  /** The records {@code operator} refused (its dead letters). */
  public static DataStream<RejectedRecord> rejectedBy(SingleOutputStreamOperator<?> operator) {
    return operator.getSideOutput(Rejections.TAG);
  }

  /**
   * Everything after the source: lateness, dedup, the {@code events} table, the metrics and the
   * dead letters. Tests put a step of their own between the source and this.
   *
   * @param rejectedAtSource the records the source refused ({@link #rejectedBy} of it)
   * @param erasures the tenants' erasure notices ({@link #erasuresFrom} the source)
   * @return the events the metrics count
   */
  public static DataStream<TenantEvent> attach(
      DataStream<ReceivedEvent> received,
      DataStream<RejectedRecord> rejectedAtSource,
      DataStream<TenantErasure> erasures,
      JobConfig config) {
    SingleOutputStreamOperator<ReceivedEvent> classified =
        received
            .process(new LatenessClassifier(config.eventTime()))
            .setParallelism(received.getParallelism()) // chained: each partition in Kafka order
            .returns(CompactTypeInfo.RECEIVED_EVENT)
            .uid("classify-lateness")
            .name("classify lateness");
    SingleOutputStreamOperator<ReceivedEvent> firstCopies =
        classified
            .keyBy(FirstCopyFilter.KEY)
            .process(new FirstCopyFilter(config.dedupTtl()))
            .returns(CompactTypeInfo.RECEIVED_EVENT)
            .uid("dedup")
            .name("drop duplicates")
            .process(new LatenessAfterShuffle(config.eventTime()))
            .returns(CompactTypeInfo.RECEIVED_EVENT)
            .uid("lateness-after-shuffle")
            .name("lateness after shuffle");
    sinkTo(firstCopies, new EventsTableWriter(config.kafka().topic()), config.clickhouse());
    DataStream<TenantEvent> counted =
        firstCopies
            .process(new CountedEvents())
            .returns(CompactTypeInfo.TENANT_EVENT)
            .uid("counted-events")
            .name("counted events");
    MetricStreams metrics =
        MetricPipelines.attach(
            counted, erasures, metricOptions(config).withBounded(config.kafka().bounded()));
    sinkAll(metrics, config.clickhouse());
    sinkRejected(
        rejectedAtSource.union(rejectedBy(classified), rejectedBy(firstCopies), metrics.rejected()),
        config.kafka().topic(),
        config.clickhouse());
    return counted;
  }

  /** The metric options the job's configuration implies (streaming: no emit range). */
  public static MetricOptions metricOptions(JobConfig config) {
    return MetricOptions.defaults()
        .withAllowedLateness(config.eventTime().allowedLateness())
        .withCatalog(config.catalog())
        .withStateCacheEntries(config.stateCacheEntries());
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

  /**
   * Counts ({@code rejectedRecords} per stage) and logs the refused records, and writes them to
   * {@code rejected_events} through the ClickHouse sink.
   *
   * @param topic the job's Kafka topic, stamped on records that know only partition and offset
   */
  public static void sinkRejected(
      DataStream<RejectedRecord> rejected, String topic, ClickHouseOptions options) {
    sinkTo(
        rejected
            .process(new RejectedRecordCounter(topic))
            .uid("count-rejected")
            .name("count rejected records"),
        new RejectedRecordWriter(),
        options);
  }

  /** Writes {@code rows} to their table through the ClickHouse sink. */
  public static <T> void sinkTo(
      DataStream<T> rows, TableWriter<T> writer, ClickHouseOptions options) {
    rows.sinkTo(new ClickHouseSink<>(options, writer))
        .uid("sink-" + writer.table())
        .name("clickhouse: " + writer.table());
  }
}
