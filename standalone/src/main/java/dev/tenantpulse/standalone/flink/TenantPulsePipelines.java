package dev.tenantpulse.standalone.flink;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The product's streaming pipeline for the MiniCluster: the flink-jobs module's {@code
 * TenantPulseJob}, configured through its own {@code JobConfig} properties and built on the
 * environment the {@link FlinkService} owns. The one place that knows how flink-jobs is wired.
 *
 * <p>Why looked up by name: flink-jobs is being written beside this module and its job classes are
 * not yet in the installed artifact this module builds against. The lookup needs only the two entry
 * points the job documents ({@code JobConfig.fromProperties(Map)} and {@code
 * TenantPulseJob.build(env, config)}); when they are absent the runtime says so instead of
 * pretending to compute the metric tables.
 */
public final class TenantPulsePipelines {

  static final String JOB_CLASS = "dev.tenantpulse.flink.job.TenantPulseJob";
  static final String CONFIG_CLASS = "dev.tenantpulse.flink.config.JobConfig";
  static final String JOB_NAME = "tenant-pulse";

  /** flink-jobs' dead-letter table, in the database the job writes. */
  static final String REJECTED_EVENTS = "rejected_events";

  /** The group the job's Kafka source commits its offsets under (flink-jobs' default). */
  static final String CONSUMER_GROUP = "tenant-pulse-flink";

  private TenantPulsePipelines() {}

  /**
   * A pipeline to run, or the reason there is none (the progress line and {@code /api/pipeline}
   * show it).
   */
  public record Availability(Optional<StreamingPipeline> pipeline, String reason) {
    public Availability {
      Objects.requireNonNull(pipeline, "pipeline");
    }

    public static Availability of(StreamingPipeline pipeline) {
      return new Availability(Optional.of(pipeline), "");
    }

    public static Availability none(String reason) {
      return new Availability(Optional.empty(), reason);
    }
  }

  /**
   * The metric pipelines of flink-jobs, when the class path has them.
   *
   * @param overrides job properties over the runtime's ({@code --job key=value})
   */
  public static Availability tenantPulse(Map<String, String> overrides) {
    try {
      Class<?> config = Class.forName(CONFIG_CLASS);
      Method fromProperties = config.getMethod("fromProperties", Map.class);
      Method build =
          Class.forName(JOB_CLASS).getMethod("build", StreamExecutionEnvironment.class, config);
      return Availability.of(new FlinkJobsPipeline(fromProperties, build, Map.copyOf(overrides)));
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      return Availability.none(
          "the flink-jobs module on the class path has no "
              + JOB_CLASS
              + ".build(env, JobConfig) yet, so nothing fills the metric tables");
    }
  }

  /** The job's properties in the one-process runtime (keys: flink-jobs' {@code JobConfig}). */
  static Map<String, String> properties(
      StreamingPipeline.PipelineEndpoints endpoints, Map<String, String> overrides) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("kafka.bootstrap-servers", endpoints.kafkaBootstrapServers());
    properties.put("kafka.topic", endpoints.topic());
    properties.put("kafka.group-id", CONSUMER_GROUP);
    properties.put("clickhouse.url", endpoints.clickhouseUrl());
    properties.put("clickhouse.database", "tenant_pulse");
    properties.putAll(overrides);
    return properties;
  }

  private record FlinkJobsPipeline(
      Method fromProperties, Method build, Map<String, String> overrides)
      implements StreamingPipeline {

    @Override
    public String jobName() {
      return JOB_NAME;
    }

    @Override
    public Optional<String> consumerGroup() {
      return Optional.of(CONSUMER_GROUP);
    }

    @Override
    public Optional<String> rejectedEventsTable() {
      String database = overrides.getOrDefault("clickhouse.database", "tenant_pulse").strip();
      return database.matches("[A-Za-z_][A-Za-z0-9_]*")
          ? Optional.of(database + "." + REJECTED_EVENTS)
          : Optional.empty(); // the job refuses such a name itself, naming the property
    }

    @Override
    public void define(StreamExecutionEnvironment env, PipelineEndpoints endpoints) {
      try {
        Object config = fromProperties.invoke(null, properties(endpoints, overrides));
        build.invoke(null, env, config);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime; // e.g. flink-jobs' InvalidConfigException, naming the property
        }
        throw new IllegalStateException("flink-jobs could not build its job", cause);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("flink-jobs' job entry points are not public", e);
      }
    }
  }
}
