package dev.tenantpulse.standalone.soak;

import dev.tenantpulse.standalone.Endpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the runtime's side of a row: what the job processed, Kafka lag, heap, RSS, state on disk
 * and the newest checkpoint. Each figure is read on its own and is null when it cannot be read (a
 * stalled runtime answers some endpoints and not others, and the row says which).
 */
final class Probe {

  private final Endpoints endpoints;
  private final String adminToken;
  private final Path dataDir;
  private final FlinkRest flink;

  Probe(Endpoints endpoints, String adminToken) {
    this.endpoints = endpoints;
    this.adminToken = adminToken;
    this.dataDir = Path.of(endpoints.dataDir());
    this.flink = new FlinkRest(endpoints.flinkUi());
  }

  Endpoints endpoints() {
    return endpoints;
  }

  FlinkRest flink() {
    return flink;
  }

  /** The runtime's figures at one moment. */
  record Reading(
      String jobId,
      String jobState,
      Long lag,
      FlinkRest.Dedup dedup,
      Long tableRows,
      Long heapUsed,
      Long heapCommitted,
      Double oldGenAfterGc,
      Long rss,
      Long peakRss,
      long checkpointDirBytes,
      long localStateBytes,
      long dataDirBytes,
      Set<Path> localStateDirs,
      FlinkRest.Checkpoint checkpoint) {}

  /**
   * The pipeline's position: {@code GET /api/pipeline} (job, Kafka lag as of the last checkpoint,
   * the snapshot it restored) and the dedup operator's counters from Flink.
   */
  record Progress(
      String jobId, String jobState, Long lag, FlinkRest.Dedup dedup, String restoredFrom) {}

  Progress progress() {
    try {
      JsonNode pipeline = Rest.getJson(endpoints.console() + "/api/pipeline", adminToken);
      JsonNode lag = pipeline.path("kafka").path("lag");
      JsonNode flinkNode = pipeline.path("flink");
      String jobId = text(flinkNode.path("job_id"));
      FlinkRest.Dedup dedup = null;
      if (jobId != null) {
        try {
          dedup = flink.dedup(jobId);
        } catch (IOException | RuntimeException e) {
          // shown as unknown
        }
      }
      return new Progress(
          jobId,
          text(flinkNode.path("state")),
          lag.isNumber() ? lag.asLong() : null,
          dedup,
          text(flinkNode.path("restored_from")));
    } catch (IOException | RuntimeException e) {
      return new Progress(null, "?", null, null, null);
    }
  }

  private static String text(JsonNode node) {
    return node.isString() ? node.asString() : null;
  }

  Reading read() {
    Progress progress = progress();
    FlinkRest.Checkpoint checkpoint = null;
    if (progress.jobId() != null) {
      try {
        checkpoint = flink.checkpoint(progress.jobId());
      } catch (IOException | RuntimeException e) {
        // shown as unknown in the row
      }
    }
    Heap heap = heap();
    long[] memory = Disk.residentMemory(endpoints.pid());
    Set<Path> local = Disk.rocksDbInstances(endpoints.pid());
    return new Reading(
        progress.jobId(),
        progress.jobState(),
        progress.lag(),
        progress.dedup(),
        tableRows(),
        heap == null ? null : heap.used(),
        heap == null ? null : heap.committed(),
        heap == null ? null : heap.oldGenAfterGc(),
        memory == null ? null : memory[0],
        memory == null ? null : memory[1],
        Disk.size(dataDir.resolve("flink/checkpoints"))
            + Disk.size(dataDir.resolve("flink/savepoints")),
        local.stream().mapToLong(Disk::size).sum(),
        Disk.size(dataDir),
        local,
        checkpoint);
  }

  /**
   * Rows of {@code events}: count() of a MergeTree table is answered from part metadata, cheap at
   * any size. Without FINAL, so a row written twice (a replay) would count twice until merged.
   */
  Long tableRows() {
    try {
      JsonNode answer =
          Rest.post(
              endpoints.console() + "/api/sql",
              adminToken,
              "text/plain",
              "SELECT count() FROM tenant_pulse.events",
              200,
              Duration.ofSeconds(30));
      return answer.path("rows").path(0).path(0).asLong();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * @param oldGenAfterGc the share of the old generation still used after the last GC (what the
   *     heap holds on to, unlike {@code used}, which swings with every young collection); null when
   *     not reported
   */
  private record Heap(long used, long committed, Double oldGenAfterGc) {}

  /**
   * Heap used and committed, from the collector's Prometheus endpoint: every service of the process
   * shares the one JVM, so the collector's JVM metrics are the process's.
   */
  private Heap heap() {
    try {
      String text = Rest.get(endpoints.collector() + "/actuator/prometheus", null);
      long used = 0;
      long committed = 0;
      Double afterGc = null;
      for (String line : text.split("\n")) {
        if (!line.contains("area=\"heap\"")) {
          continue;
        }
        if (line.startsWith("jvm_memory_used_bytes{")) {
          used += value(line);
        } else if (line.startsWith("jvm_memory_committed_bytes{")) {
          committed += value(line);
        } else if (line.startsWith("jvm_memory_usage_after_gc{")
            && line.contains("pool=\"long-lived\"")) {
          afterGc = value(line);
        }
      }
      return new Heap(used, committed, afterGc);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static double value(String line) {
    String[] parts = line.substring(line.lastIndexOf('}') + 1).trim().split(" ");
    return Double.parseDouble(parts[0]);
  }
}
