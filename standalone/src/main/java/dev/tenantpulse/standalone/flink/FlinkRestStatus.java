package dev.tenantpulse.standalone.flink;

import dev.tenantpulse.standalone.console.PipelineStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a job's state, watermarks and checkpoints from Flink's REST API (the same one its web UI
 * and a cluster's operators use), so the embedded default and a cluster are watched the same way.
 */
final class FlinkRestStatus {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI rest;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  FlinkRestStatus(URI rest) {
    this.rest = rest;
  }

  /**
   * @param configured the snapshot the job was told to restore from, shown until Flink reports the
   *     one it actually restored
   */
  PipelineStatus.Flink status(JobID jobId, Path configured) {
    String restored = configured == null ? null : configured.toString();
    try {
      JsonNode job = get("/jobs/" + jobId);
      List<PipelineStatus.Flink.Vertex> vertices = new ArrayList<>();
      Instant eventTime = null;
      boolean first = true;
      for (JsonNode vertex : job.path("vertices")) {
        Instant watermark = lowestWatermark(jobId, vertex.path("id").asString());
        vertices.add(new PipelineStatus.Flink.Vertex(vertex.path("name").asString(), watermark));
        // Sources have no input watermark; every vertex after them shows how far event time got.
        if (!first && watermark != null && (eventTime == null || watermark.isBefore(eventTime))) {
          eventTime = watermark;
        }
        first = false;
      }
      JsonNode checkpoints = get("/jobs/" + jobId + "/checkpoints");
      JsonNode completed = checkpoints.path("latest").path("completed");
      PipelineStatus.Flink.Checkpoint last =
          completed.isObject()
              ? new PipelineStatus.Flink.Checkpoint(
                  completed.path("id").asLong(),
                  Instant.ofEpochMilli(completed.path("latest_ack_timestamp").asLong()),
                  completed.path("end_to_end_duration").asLong(),
                  completed.path("external_path").asString(null))
              : null;
      // What Flink reports as restored, not what it was told: proof the state came back.
      JsonNode restoredNode = checkpoints.path("latest").path("restored");
      String confirmed =
          restoredNode.isObject() ? restoredNode.path("external_path").asString(null) : null;
      String detail = confirmed == null && restored != null ? "restoring from " + restored : null;
      return new PipelineStatus.Flink(
          job.path("state").asString(),
          detail,
          jobId.toHexString(),
          eventTime,
          vertices,
          last,
          confirmed,
          rest.toString());
    } catch (IOException | RuntimeException e) {
      return new PipelineStatus.Flink(
          "UNKNOWN",
          "Flink's REST API did not answer: " + e.getMessage(),
          jobId.toHexString(),
          null,
          List.of(),
          null,
          restored,
          rest.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PipelineStatus.Flink.notStarted("interrupted");
    }
  }

  /** The lowest current input watermark over the vertex's subtasks; null before the first. */
  private Instant lowestWatermark(JobID jobId, String vertexId)
      throws IOException, InterruptedException {
    JsonNode metrics = get("/jobs/" + jobId + "/vertices/" + vertexId + "/watermarks");
    Long lowest = null;
    for (JsonNode metric : metrics) {
      if (!metric.path("id").asString().endsWith("currentInputWatermark")) {
        continue;
      }
      long value;
      try {
        value = Long.parseLong(metric.path("value").asString());
      } catch (NumberFormatException e) {
        continue;
      }
      lowest = lowest == null ? value : Math.min(lowest, value);
    }
    // Long.MIN_VALUE: no watermark has arrived yet.
    return lowest == null || lowest == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lowest);
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(rest.resolve(path)).timeout(TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException(path + " answered " + answer.statusCode());
    }
    return JSON.readTree(answer.body());
  }
}
