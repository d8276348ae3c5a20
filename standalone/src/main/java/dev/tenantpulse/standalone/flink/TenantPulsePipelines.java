package dev.tenantpulse.standalone.flink;

import java.util.Objects;
import java.util.Optional;

/**
 * The product's streaming pipeline for the MiniCluster: the flink-jobs module's job, built on the
 * environment the {@link FlinkService} owns. The one place that knows how flink-jobs is wired.
 */
public final class TenantPulsePipelines {

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

  /** The metric pipelines of flink-jobs. */
  public static Availability tenantPulse() {
    // flink-jobs has its configuration (JobConfig) but no job class yet; until TenantPulseJob
    // lands the stage says so instead of pretending to compute the metric tables.
    return Availability.none(
        "the flink-jobs module has no TenantPulseJob yet, so nothing fills the metric tables");
  }
}
