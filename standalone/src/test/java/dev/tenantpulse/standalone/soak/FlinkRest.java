package dev.tenantpulse.standalone.soak;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the soak reads from Flink's REST API (the MiniCluster's web UI port): job state, the dedup
 * operator's counters and the newest checkpoint. Operator metrics are refreshed by Flink's metric
 * fetcher (every 10 s by default), so they trail the job by up to that much.
 */
final class FlinkRest {

  /** The dedup operator's metric that names it: its operator is the one counting duplicates. */
  private static final String DUPLICATES = "duplicateEvents";

  private final String base;
  private String metricsJob;
  private String dedupVertex;
  private String dedupOperator;

  FlinkRest(String base) {
    this.base = base.replaceAll("/+$", "");
  }

  /**
   * @param running the job is RUNNING and so is every task (a task restoring its state is
   *     INITIALIZING while the job already says RUNNING)
   */
  record JobState(String state, boolean running) {}

  /** The dedup operator's counters since the job (this attempt of it) started. */
  record Dedup(long in, long out, long duplicates) {}

  /**
   * The newest completed checkpoint.
   *
   * @param stateSize the full state it holds
   * @param checkpointedSize what this checkpoint wrote (incremental: the new files only)
   */
  record Checkpoint(
      long id,
      long durationMs,
      long stateSize,
      long checkpointedSize,
      long completed,
      long failed) {}

  JobState state(String job) throws IOException {
    JsonNode json = Rest.getJson(base + "/jobs/" + job, null);
    String state = json.path("state").asString();
    boolean running = "RUNNING".equals(state);
    for (JsonNode vertex : json.path("vertices")) {
      running &= "RUNNING".equals(vertex.path("status").asString());
    }
    return new JobState(state, running);
  }

  /** The dedup counters; null until Flink's metric fetcher has seen the operator. */
  Dedup dedup(String job) throws IOException {
    if (!job.equals(metricsJob) && !findDedup(job)) {
      return null;
    }
    String names =
        String.join(
            ",",
            dedupOperator + DUPLICATES,
            dedupOperator + "numRecordsIn",
            dedupOperator + "numRecordsOut");
    JsonNode json =
        Rest.getJson(
            base
                + "/jobs/"
                + job
                + "/vertices/"
                + dedupVertex
                + "/subtasks/metrics?agg=sum&get="
                + URLEncoder.encode(names, StandardCharsets.UTF_8),
            null);
    Map<String, Long> sums = new LinkedHashMap<>();
    for (JsonNode metric : json) {
      sums.put(metric.path("id").asString(), Math.round(metric.path("sum").asDouble()));
    }
    if (sums.size() < 3) {
      return null;
    }
    return new Dedup(
        sums.get(dedupOperator + "numRecordsIn"),
        sums.get(dedupOperator + "numRecordsOut"),
        sums.get(dedupOperator + DUPLICATES));
  }

  /** Finds the vertex and operator prefix of {@code duplicateEvents}; false when not yet listed. */
  private boolean findDedup(String job) throws IOException {
    for (JsonNode vertex : Rest.getJson(base + "/jobs/" + job, null).path("vertices")) {
      String id = vertex.path("id").asString();
      for (JsonNode metric :
          Rest.getJson(base + "/jobs/" + job + "/vertices/" + id + "/subtasks/metrics", null)) {
        String name = metric.path("id").asString();
        if (name.endsWith("." + DUPLICATES)) {
          metricsJob = job;
          dedupVertex = id;
          dedupOperator = name.substring(0, name.length() - DUPLICATES.length());
          return true;
        }
      }
    }
    return false;
  }

  /** The newest completed checkpoint; null before the first. */
  Checkpoint checkpoint(String job) throws IOException {
    JsonNode json = Rest.getJson(base + "/jobs/" + job + "/checkpoints", null);
    JsonNode completed = json.path("latest").path("completed");
    if (!completed.isObject()) {
      return null;
    }
    return new Checkpoint(
        completed.path("id").asLong(),
        completed.path("end_to_end_duration").asLong(),
        completed.path("state_size").asLong(),
        completed.path("checkpointed_size").asLong(),
        json.path("counts").path("completed").asLong(),
        json.path("counts").path("failed").asLong());
  }

  /**
   * The state backend settings the job runs with (its own configuration over the cluster's), for
   * the header: the figures mean little without knowing which backend made them.
   */
  Map<String, String> stateSettings(String job) {
    Map<String, String> found = new LinkedHashMap<>();
    for (String path : new String[] {"/jobmanager/config", "/jobs/" + job + "/jobmanager/config"}) {
      try {
        for (JsonNode entry : Rest.getJson(base + path, null)) {
          String key = entry.path("key").asString();
          if (key.startsWith("state.")
              || key.contains("checkpointing.incremental")
              || key.equals("taskmanager.memory.managed.size")) {
            found.put(key, entry.path("value").asString());
          }
        }
      } catch (IOException | RuntimeException e) {
        // an endpoint this Flink version lacks: the other one may still answer
      }
    }
    return found;
  }
}
