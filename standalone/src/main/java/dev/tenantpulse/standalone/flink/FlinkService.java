package dev.tenantpulse.standalone.flink;

import dev.tenantpulse.standalone.console.PipelineStatus;
import dev.tenantpulse.standalone.lifecycle.Service;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.SerializedThrowable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink MiniCluster in this process running the streaming pipeline, with its snapshots in the
 * data directory so a restart neither loses nor double-counts anything:
 *
 * <ul>
 *   <li>Checkpoints every {@link FlinkSettings#checkpointInterval()} are retained on cancellation
 *       and on failure; Kafka offsets and all keyed state (dedup, tenant state, windows) are in
 *       them.
 *   <li>A clean stop takes a savepoint and stops the job (no drain: event time is not pushed to the
 *       end, so open hours stay open and are completed after the restart).
 *   <li>A start resumes from the newest complete savepoint or checkpoint ({@link RestorePoints}),
 *       in CLAIM mode so Flink deletes snapshots once newer ones subsume them. Events after that
 *       snapshot are read again from Kafka; the sinks write rows keyed and versioned
 *       (ReplacingMergeTree), so rows written twice replace each other.
 * </ul>
 *
 * <p>The pipeline is submitted straight to the MiniCluster; its REST API (and web UI) serves the
 * status the console shows.
 */
public final class FlinkService implements Service {

  private static final Logger log = LoggerFactory.getLogger(FlinkService.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final FlinkSettings settings;
  private final TenantPulsePipelines.Availability pipeline;
  private final Supplier<StreamingPipeline.PipelineEndpoints> endpoints;
  private MiniCluster cluster;
  private URI restUri;
  private JobID jobId;
  private Path restoredFrom;

  /**
   * @param endpoints asked for at start, when the broker and chDB it names have started
   */
  public FlinkService(
      FlinkSettings settings,
      TenantPulsePipelines.Availability pipeline,
      Supplier<StreamingPipeline.PipelineEndpoints> endpoints) {
    this.settings = settings;
    this.pipeline = pipeline;
    this.endpoints = endpoints;
  }

  @Override
  public String name() {
    return "Flink jobs (MiniCluster)";
  }

  @Override
  public Started start() throws Exception {
    if (pipeline.pipeline().isEmpty()) {
      return Started.skipped(pipeline.reason());
    }
    StreamingPipeline job = pipeline.pipeline().get();
    Files.createDirectories(RestorePoints.checkpointsDir(settings.flinkDir()));
    Files.createDirectories(RestorePoints.savepointsDir(settings.flinkDir()));
    Files.createDirectories(rocksDbDir(settings.flinkDir()));
    restoredFrom = RestorePoints.latest(settings.flinkDir()).orElse(null);
    StateBackendMarker.checkRestorable(settings.flinkDir(), settings.stateBackend(), restoredFrom);
    Configuration config = configuration();
    cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(settings.slots())
                .build());
    cluster.start();
    try {
      restUri = cluster.getRestAddress().get(30, TimeUnit.SECONDS);
      jobId = submit(job, config);
      awaitRunning();
      StateBackendMarker.write(settings.flinkDir(), settings.stateBackend());
    } catch (Exception e) {
      closeCluster();
      throw e;
    }
    String from = restoredFrom == null ? "fresh start" : "resumed from " + restoredFrom;
    return Started.at(restUri + " (" + job.jobName() + ", " + from + ")");
  }

  /**
   * RocksDB's savepoints in its native format: a copy of its files, where the canonical format
   * rewrites every key (a week of dedup ids: gigabytes, longer than a stop may take). The heap
   * backend's are canonical, which any backend restores (see {@link StateBackendMarker}).
   */
  private SavepointFormatType savepointFormat() {
    return settings.stateBackend().equals(FlinkSettings.ROCKSDB)
        ? SavepointFormatType.NATIVE
        : SavepointFormatType.CANONICAL;
  }

  /** Where RocksDB keeps the working copy of the job's keyed state. */
  static Path rocksDbDir(Path flinkDir) {
    return flinkDir.resolve("rocksdb");
  }

  private Configuration configuration() {
    Configuration config = new Configuration();
    config.set(RestOptions.BIND_ADDRESS, settings.host());
    config.set(RestOptions.ADDRESS, settings.host());
    config.set(RestOptions.BIND_PORT, Integer.toString(settings.restPort()));
    config.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.slots());
    config.set(
        TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(settings.managedMemoryMb()));
    config.set(
        TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(settings.networkMemoryMb()));
    config.set(
        TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(settings.networkMemoryMb()));
    config.set(StateBackendOptions.STATE_BACKEND, settings.stateBackend());
    if (settings.stateBackend().equals(FlinkSettings.ROCKSDB)) {
      // The dedup window (one entry per event of the last 7 days) lives on disk: the heap backend
      // held it on the JVM heap and copied it whole into every checkpoint, and stalled at ~8 M
      // events a week. RocksDB's memory comes from the managed memory (bounded), its files go
      // under the data directory (not /tmp, which may be small or cleaned), and a checkpoint
      // uploads only the files that changed since the last one.
      config.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
      config.set(RocksDBOptions.USE_MANAGED_MEMORY, true);
      config.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksDbDir(settings.flinkDir()).toString());
    }
    config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    config.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        RestorePoints.checkpointsDir(settings.flinkDir()).toUri().toString());
    config.set(
        CheckpointingOptions.SAVEPOINT_DIRECTORY,
        RestorePoints.savepointsDir(settings.flinkDir()).toUri().toString());
    config.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
    config.set(WebOptions.LOG_PATH, settings.logFile().toString());
    return config;
  }

  private JobID submit(StreamingPipeline job, Configuration config) throws Exception {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(config);
    env.setParallelism(settings.slots());
    job.define(env, endpoints.get());
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(job.jobName());
    if (restoredFrom != null) {
      // allowNonRestoredState=false: a pipeline that no longer matches its state must not start
      // silently without it (that would recount); the error names the snapshot to move aside.
      graph.setSavepointRestoreSettings(
          SavepointRestoreSettings.forPath(
              restoredFrom.toUri().toString(), false, RecoveryClaimMode.CLAIM));
    }
    return cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
  }

  private void awaitRunning() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      JobStatus status = cluster.getJobStatus(jobId).get(10, TimeUnit.SECONDS);
      if (status == JobStatus.RUNNING) {
        return;
      }
      if (status.isGloballyTerminalState()) {
        JobResult result = cluster.requestJobResult(jobId).get(10, TimeUnit.SECONDS);
        Optional<SerializedThrowable> failure = result.getSerializedThrowable();
        String hint =
            restoredFrom == null
                ? ""
                : " (it was restoring from "
                    + restoredFrom
                    + "; if the pipeline changed incompatibly, move "
                    + settings.flinkDir()
                    + " aside to start from the events in Kafka)";
        throw new IllegalStateException(
            "the Flink job ended as " + status + " while starting" + hint,
            failure.map(t -> t.deserializeError(getClass().getClassLoader())).orElse(null));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the Flink job was still " + status + " after " + START_TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }

  /**
   * Stops the job with a savepoint, then the MiniCluster. When the savepoint cannot be taken (the
   * job is failing), the job is cancelled: its newest retained checkpoint is then the restore
   * point, and the events after it are read again from Kafka.
   */
  @Override
  public void stop() throws Exception {
    try {
      if (jobId != null) {
        try {
          String savepoint =
              cluster
                  .stopWithSavepoint(
                      jobId,
                      RestorePoints.savepointsDir(settings.flinkDir()).toUri().toString(),
                      false,
                      savepointFormat())
                  .get(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
          log.info("Flink job {} stopped with savepoint {}", jobId, savepoint);
        } catch (Exception e) {
          log.warn(
              "Flink job {} could not stop with a savepoint; cancelling it (the next start"
                  + " resumes from its newest retained checkpoint)",
              jobId,
              e);
          cluster.cancelJob(jobId).get(30, TimeUnit.SECONDS);
        }
      }
    } finally {
      closeCluster();
    }
  }

  private void closeCluster() throws Exception {
    if (cluster != null) {
      cluster.closeAsync().get(60, TimeUnit.SECONDS);
      cluster = null;
    }
  }

  /** What {@code /api/pipeline} shows of the job, its dead letters included. */
  public PipelineStatus.Flink status() {
    if (pipeline.pipeline().isEmpty()) {
      return PipelineStatus.Flink.notStarted(pipeline.reason());
    }
    if (cluster == null || jobId == null) {
      return PipelineStatus.Flink.notStarted("the MiniCluster is not running");
    }
    PipelineStatus.Flink status = new FlinkRestStatus(restUri).status(jobId, restoredFrom);
    Optional<String> rejected = pipeline.pipeline().flatMap(StreamingPipeline::rejectedEventsTable);
    return rejected.isEmpty()
        ? status
        : status.withRejectedEvents(
            RejectedEventsStatus.read(endpoints.get().clickhouseUrl(), rejected.get()));
  }

  /** The MiniCluster's REST address (web UI), once started. */
  public Optional<URI> restUri() {
    return Optional.ofNullable(restUri);
  }

  public Optional<String> consumerGroup() {
    return pipeline.pipeline().flatMap(StreamingPipeline::consumerGroup);
  }

  /** The running cluster, for batch jobs (recomputes) that share it; empty when not running. */
  Optional<MiniCluster> cluster() {
    return Optional.ofNullable(cluster);
  }
}
