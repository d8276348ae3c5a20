package dev.tenantpulse.flink.recompute;

import dev.tenantpulse.flink.config.JobConfig;
import dev.tenantpulse.flink.dedup.EventKey;
import dev.tenantpulse.flink.dedup.FirstCopyFilter;
import dev.tenantpulse.flink.job.TenantPulseJob;
import dev.tenantpulse.flink.metrics.MetricOptions;
import dev.tenantpulse.flink.metrics.MetricPipelines;
import dev.tenantpulse.flink.metrics.MetricStreams;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.source.AcceptedEvents;
import dev.tenantpulse.flink.source.KafkaEventSource;
import dev.tenantpulse.flink.source.ReceivedEvent;
import dev.tenantpulse.flink.source.SourceRecord;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recomputes the metric rows of a time range in Flink's BATCH execution mode: the same metric
 * pipelines as the stream, over every stored event, late ones included, writing only the rows of
 * [from, to). The rows carry versions above the stream's (their computation time), so they replace
 * the stream's rows of that range: how history imported after the fact, or events later than the
 * lateness, become exact. From {@code events}, the range's rows of the cross-tenant tables that the
 * run did not write (no stored event supports them any more, e.g. after a tenant's erasure) are
 * deleted afterwards ({@link LeftoverRows}).
 *
 * <p>Why every event and not only a context before {@code from}: a tenant's plan at any instant
 * depends on its whole lifecycle history, and a cohort's completion counts on completions after
 * {@code to}; reading everything makes every table of the range exact, at a cost proportional to
 * the stored history (a 40-day, 50k-event history takes seconds). {@code events} and {@code
 * tenants} are left alone: {@code events} is the stream's record of what arrived, and a range does
 * not decide a tenant's current state. Records it cannot process go to {@code rejected_events} as
 * in the stream (a record refused by both is one row there: the same stage, partition and offset).
 */
public final class Recompute {

  private static final Logger LOG = LoggerFactory.getLogger(Recompute.class);

  private Recompute() {}

  /** Recomputes [from, to) from {@code events} on a fresh environment and waits for it. */
  public static JobExecutionResult run(JobConfig config, Instant from, Instant to)
      throws Exception {
    return run(config, RecomputeRequest.of(from, to));
  }

  /** Recomputes as requested on a fresh environment and waits for it. */
  public static JobExecutionResult run(JobConfig config, RecomputeRequest request)
      throws Exception {
    return run(StreamExecutionEnvironment.getExecutionEnvironment(), config, request);
  }

  /** Recomputes as requested on {@code env} (e.g. the one-process runtime's MiniCluster). */
  public static JobExecutionResult run(
      StreamExecutionEnvironment env, JobConfig config, RecomputeRequest request) throws Exception {
    // From events only: a run from the topic may hold events the table does not, past its bounds.
    Optional<LeftoverRows> leftovers =
        request.source() == RecomputeRequest.Source.EVENTS
            ? LeftoverRows.before(
                config.clickhouse(),
                new StoredEventsQuery(config.clickhouse()),
                request.from(),
                request.to(),
                System.currentTimeMillis())
            : Optional.empty();
    build(env, config, request);
    LOG.info(
        "recomputing [{}, {}) from {} into {}",
        request.from(),
        request.to(),
        request.source(),
        config.clickhouse().database());
    JobExecutionResult result = env.execute(jobName(request));
    if (leftovers.isPresent()) {
      LOG.info(
          "deleted the rows of [{}, {}) the recompute did not write: {}",
          request.from(),
          request.to(),
          leftovers.get().delete());
    }
    return result;
  }

  public static String jobName(RecomputeRequest request) {
    return "tenant-pulse-recompute " + request.from() + " .. " + request.to();
  }

  /** Builds the batch job on {@code env}. */
  public static void build(
      StreamExecutionEnvironment env, JobConfig config, RecomputeRequest request)
      throws SQLException {
    Configuration settings = new Configuration();
    settings.set(PipelineOptions.GENERIC_TYPES, false);
    env.configure(settings);
    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
    if (config.parallelism() > 0) {
      env.setParallelism(config.parallelism());
    }
    DataStream<TenantEvent> events;
    DataStream<RejectedRecord> rejected = null;
    if (request.source() == RecomputeRequest.Source.KAFKA) {
      SingleOutputStreamOperator<ReceivedEvent> received = fromKafka(env, config);
      SingleOutputStreamOperator<ReceivedEvent> firstCopies =
          received
              .keyBy(FirstCopyFilter.KEY)
              .process(new FirstCopyFilter(null))
              .uid("dedup")
              .name("drop duplicates");
      rejected = TenantPulseJob.rejectedBy(received).union(TenantPulseJob.rejectedBy(firstCopies));
      events =
          firstCopies
              .map(ReceivedEvent::event)
              .returns(TenantEvent.class)
              .uid("events")
              .name("events");
    } else {
      events = fromEventsTable(env, config);
    }
    MetricOptions options =
        TenantPulseJob.metricOptions(config)
            .withBounded(true)
            .withEmitRange(request.from(), request.to())
            // BATCH mode keeps a key's state only while its sorted input lasts: nothing to cache.
            .withStateCacheEntries(0);
    MetricStreams metrics = MetricPipelines.attach(events, options);
    TenantPulseJob.sinkAll(metrics, config.clickhouse());
    TenantPulseJob.sinkRejected(
        rejected == null ? metrics.rejected() : rejected.union(metrics.rejected()),
        config.kafka().topic(),
        config.clickhouse());
  }

  private static DataStream<TenantEvent> fromEventsTable(
      StreamExecutionEnvironment env, JobConfig config) throws SQLException {
    EventsTableSource source = EventsTableSource.allStoredEvents(config.clickhouse());
    DataStream<TenantEvent> stored =
        env.fromSource(
                source,
                WatermarkStrategy.<TenantEvent>noWatermarks()
                    .withTimestampAssigner((e, ts) -> e.timestamp().toEpochMilli()),
                "stored events: " + config.clickhouse().qualified("events"),
                TypeInformation.of(TenantEvent.class))
            .uid("stored-events");
    // events holds one row per (tenant_id, event_id) and day after merges; an id re-sent after the
    // 7-day dedup window on another day is there twice and must still count once.
    return stored
        .keyBy(e -> EventKey.of(e.tenantId(), e.id()))
        .process(new FirstEvent())
        .uid("dedup-stored")
        .name("drop duplicates");
  }

  private static SingleOutputStreamOperator<ReceivedEvent> fromKafka(
      StreamExecutionEnvironment env, JobConfig config) {
    // Its own group, and no offsets committed: the stream's group position stays the stream's.
    var kafka = config.kafka().withGroupId(config.kafka().groupId() + "-recompute");
    return env.fromSource(
            KafkaEventSource.of(
                kafka,
                config.eventTime().bounds(),
                OffsetsInitializer.earliest(),
                OffsetsInitializer.latest()),
            WatermarkStrategy.<SourceRecord>noWatermarks()
                .withTimestampAssigner((r, ts) -> r.isEvent() ? r.event().eventTime() : ts),
            "kafka: " + kafka.topic())
        .uid("kafka-source")
        .process(new AcceptedEvents())
        .uid("accepted-events")
        .name("accepted events");
  }
}
