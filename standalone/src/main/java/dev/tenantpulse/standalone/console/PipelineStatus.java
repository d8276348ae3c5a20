package dev.tenantpulse.standalone.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Where the pipeline stands, for {@code GET /api/pipeline}.
 *
 * @param kafka what the topic holds and how far the Flink job's committed offsets are behind it
 * @param flink the streaming job: state, event-time position, checkpoints
 * @param warehouse the newest data visible in ClickHouse
 */
public record PipelineStatus(
    Kafka kafka, Flink flink, Warehouse warehouse, @JsonProperty("checked_at") Instant checkedAt) {

  /**
   * @param consumerGroup the Flink source's group; its offsets are committed at each checkpoint, so
   *     {@code lag} is measured as of the last checkpoint (null when the job names no group)
   * @param lag end offset minus committed offset, summed over partitions (null: no group)
   */
  public record Kafka(
      String topic,
      @JsonProperty("consumer_group") String consumerGroup,
      List<Partition> partitions,
      @JsonProperty("end_offset_total") long endOffsetTotal,
      Long lag,
      String error) {

    public record Partition(
        int partition,
        @JsonProperty("end_offset") long endOffset,
        @JsonProperty("committed_offset") Long committedOffset,
        Long lag) {}

    public static Kafka failed(String topic, String error) {
      return new Kafka(topic, null, List.of(), 0, null, error);
    }
  }

  /**
   * @param state RUNNING, FAILED …, or NOT_STARTED (then {@code detail} says why)
   * @param eventTime the event-time position: the lowest watermark among the job's operators after
   *     the source, null before the first watermark
   * @param restoredFrom the checkpoint or savepoint Flink reports this run restored; null for a
   *     fresh start (and while a restore is under way: {@code detail} names the snapshot then)
   */
  public record Flink(
      String state,
      String detail,
      @JsonProperty("job_id") String jobId,
      @JsonProperty("event_time") Instant eventTime,
      List<Vertex> vertices,
      @JsonProperty("last_checkpoint") Checkpoint lastCheckpoint,
      @JsonProperty("restored_from") String restoredFrom,
      @JsonProperty("web_ui") String webUi) {

    public static Flink notStarted(String reason) {
      return new Flink("NOT_STARTED", reason, null, null, List.of(), null, null, null);
    }

    /** An operator chain and the lowest watermark of its subtasks (null: none yet). */
    public record Vertex(String name, Instant watermark) {}

    public record Checkpoint(
        long id,
        @JsonProperty("completed_at") Instant completedAt,
        @JsonProperty("duration_ms") long durationMs,
        String path) {}
  }

  /**
   * @param newestClosedHour newest {@code window_end} in {@code active_tenants_hourly}
   * @param newestEventTime newest {@code event_time} in {@code events}
   */
  public record Warehouse(
      @JsonProperty("newest_closed_hour") Instant newestClosedHour,
      @JsonProperty("newest_event_time") Instant newestEventTime,
      String error) {}
}
