package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.flink.metrics.active.ActiveHourByPlanRow;
import dev.tenantpulse.flink.metrics.active.ActiveHourRow;
import dev.tenantpulse.flink.metrics.adoption.FeatureAdoptionRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohortRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingTenantRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayByPlanRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayRow;
import dev.tenantpulse.flink.metrics.usage.UsageHourRow;
import dev.tenantpulse.flink.metrics.usage.UsageMonthRow;
import dev.tenantpulse.flink.tenant.TenantRow;
import dev.tenantpulse.flink.testing.TestFlink;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a list of counted events, in list (arrival) order, through {@link MetricPipelines} on the
 * test JVM's MiniCluster ({@link TestFlink}) and collects every emitted row per table.
 *
 * <p>STREAMING: one watermark per event, {@code max timestamp so far - disorder - 1 ms}, so an
 * event that sorts earlier than that arrives behind the watermark (the within-lateness case).
 */
final class PipelineRun {

  private PipelineRun() {}

  /**
   * Parallelism 1: with more, facts of a late event may reach an aggregator before another
   * channel's watermark that makes them late (a legitimate race), so a test of the re-emit path
   * needs one channel.
   */
  static Tables streaming(List<TenantEvent> events, MetricOptions options, Duration disorder)
      throws Exception {
    return run(events, options, RuntimeExecutionMode.STREAMING, disorder, 1);
  }

  static Tables batch(List<TenantEvent> events, MetricOptions options) throws Exception {
    return run(events, options, RuntimeExecutionMode.BATCH, Duration.ZERO, 2);
  }

  static Tables run(
      List<TenantEvent> events,
      MetricOptions options,
      RuntimeExecutionMode mode,
      Duration disorder,
      int parallelism)
      throws Exception {
    StreamExecutionEnvironment env = TestFlink.env(parallelism);
    Configuration config = new Configuration();
    config.set(PipelineOptions.GENERIC_TYPES, false); // a type Flink cannot serialise fails here
    config.set(ExecutionOptions.RUNTIME_MODE, mode);
    env.configure(config);
    long bound = disorder.toMillis();
    DataStream<TenantEvent> counted =
        env.fromData(events, TypeInformation.of(TenantEvent.class))
            .setParallelism(1)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<TenantEvent>forGenerator(ctx -> new EveryEvent(bound))
                    .withTimestampAssigner((e, previous) -> e.timestamp().toEpochMilli()))
            .setParallelism(1);
    MetricStreams streams = MetricPipelines.attach(counted, options);
    String run = UUID.randomUUID().toString();
    for (RowStream<?> s : streams.all()) {
      sinkTo(s, run);
    }
    env.execute("metrics-test-" + mode);
    Map<String, List<Object>> rows = new LinkedHashMap<>();
    for (RowStream<?> s : streams.all()) {
      rows.put(s.name(), CollectingSink.drain(run + "/" + s.name()));
    }
    return new Tables(rows);
  }

  private static <T> void sinkTo(RowStream<T> s, String run) {
    s.stream().sinkTo(new CollectingSink<>(run + "/" + s.name())).name("collect-" + s.name());
  }

  /** A watermark after every event. */
  static final class EveryEvent implements WatermarkGenerator<TenantEvent> {
    private final long bound;
    private long max = Long.MIN_VALUE;

    EveryEvent(long bound) {
      this.bound = bound;
    }

    @Override
    public void onEvent(TenantEvent event, long timestamp, WatermarkOutput output) {
      max = Math.max(max, timestamp);
      output.emitWatermark(new Watermark(max - bound - 1));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  /** Every emitted row per table, in arrival order at the sink. */
  record Tables(Map<String, List<Object>> emitted) {

    @SuppressWarnings("unchecked")
    <T> List<T> all(String table) {
      return (List<T>) (List<?>) emitted.getOrDefault(table, List.of());
    }

    /** The rows a ReplacingMergeTree table holds after FINAL: per key the highest version. */
    <T> List<T> latest(String table) {
      Map<Object, Object> newest = new HashMap<>();
      Map<Object, Long> versions = new HashMap<>();
      for (Object row : emitted.getOrDefault(table, List.of())) {
        Object key = key(row);
        long v = version(row);
        if (!versions.containsKey(key) || versions.get(key) < v) {
          versions.put(key, v);
          newest.put(key, row);
        }
      }
      List<Object> rows = new ArrayList<>(newest.values());
      rows.sort(Comparator.comparing(r -> key(r).toString()));
      @SuppressWarnings("unchecked")
      List<T> typed = (List<T>) rows;
      return typed;
    }

    <T, K> Map<K, T> latestBy(String table, Function<T, K> key) {
      Map<K, T> byKey = new LinkedHashMap<>();
      for (T row : this.<T>latest(table)) {
        byKey.put(key.apply(row), row);
      }
      return byKey;
    }
  }

  static Object key(Object row) {
    if (row instanceof ActiveHourRow r) {
      return r.windowEnd();
    } else if (row instanceof ActiveHourByPlanRow r) {
      return List.of(r.windowEnd(), r.plan());
    } else if (row instanceof FeatureAdoptionRow r) {
      return List.of(r.day(), r.plan(), r.feature());
    } else if (row instanceof OnboardingTenantRow r) {
      return r.tenantId();
    } else if (row instanceof OnboardingCohortRow r) {
      return r.cohortWeek();
    } else if (row instanceof UsageDayRow r) {
      return List.of(r.tenantId(), r.day(), r.meter());
    } else if (row instanceof UsageMonthRow r) {
      return List.of(r.tenantId(), r.month(), r.meter());
    } else if (row instanceof UsageHourRow r) {
      return List.of(r.tenantId(), r.hour(), r.meter());
    } else if (row instanceof UsageDayByPlanRow r) {
      return List.of(r.day(), r.plan(), r.meter());
    } else if (row instanceof TenantRow r) {
      return r.tenantId();
    }
    throw new IllegalArgumentException("unknown row " + row);
  }

  static long version(Object row) {
    if (row instanceof ActiveHourRow r) {
      return r.version();
    } else if (row instanceof ActiveHourByPlanRow r) {
      return r.version();
    } else if (row instanceof FeatureAdoptionRow r) {
      return r.version();
    } else if (row instanceof OnboardingTenantRow r) {
      return r.version();
    } else if (row instanceof OnboardingCohortRow r) {
      return r.version();
    } else if (row instanceof UsageDayRow r) {
      return r.version();
    } else if (row instanceof UsageMonthRow r) {
      return r.version();
    } else if (row instanceof UsageHourRow r) {
      return r.version();
    } else if (row instanceof UsageDayByPlanRow r) {
      return r.version();
    } else if (row instanceof TenantRow r) {
      return r.version();
    }
    throw new IllegalArgumentException("unknown row " + row);
  }
}
