package dev.tenantpulse.standalone.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
   * @param rejectedEvents the job's dead letters; null when the pipeline keeps none
   */
  public record Flink(
      String state,
      String detail,
      @JsonProperty("job_id") String jobId,
      @JsonProperty("event_time") Instant eventTime,
      List<Vertex> vertices,
      @JsonProperty("last_checkpoint") Checkpoint lastCheckpoint,
      @JsonProperty("restored_from") String restoredFrom,
      @JsonProperty("web_ui") String webUi,
      @JsonProperty("rejected_events") RejectedEvents rejectedEvents) {

    public Flink(
        String state,
        String detail,
        String jobId,
        Instant eventTime,
        List<Vertex> vertices,
        Checkpoint lastCheckpoint,
        String restoredFrom,
        String webUi) {
      this(state, detail, jobId, eventTime, vertices, lastCheckpoint, restoredFrom, webUi, null);
    }

    public static Flink notStarted(String reason) {
      return new Flink("NOT_STARTED", reason, null, null, List.of(), null, null, null);
    }

    public Flink withRejectedEvents(RejectedEvents rejected) {
      return new Flink(
          state, detail, jobId, eventTime, vertices, lastCheckpoint, restoredFrom, webUi, rejected);
    }

    /**
     * The records the job could not process (its dead-letter table, read with FINAL, so a record
     * replayed after a restore counts once). Counted from the table rather than from the job's
     * {@code rejectedRecords} metric, which starts again at 0 with every restart.
     *
     * @param table the dead-letter table ({@code tenant_pulse.rejected_events})
     * @param total its rows
     * @param byStage its rows per stage ({@code decode}, {@code event_time}, {@code sink:events} …)
     * @param newestRejectedAt when the newest was set aside; null when there is none
     * @param error why the table could not be read; null when it was
     */
    public record RejectedEvents(
        String table,
        long total,
        @JsonProperty("by_stage") Map<String, Long> byStage,
        @JsonProperty("newest_rejected_at") Instant newestRejectedAt,
        String error) {

      public RejectedEvents {
        byStage =
            byStage == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byStage));
      }

      public static RejectedEvents failed(String table, String error) {
        return new RejectedEvents(table, 0, Map.of(), null, error);
      }
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
