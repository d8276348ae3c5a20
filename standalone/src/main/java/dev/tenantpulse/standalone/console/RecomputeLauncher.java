package dev.tenantpulse.standalone.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs a recompute: the metric pipelines in Flink's batch mode over the stored events of [from,
 * to), replacing that range's rows.
 */
public interface RecomputeLauncher {

  /**
   * Starts one and returns at once.
   *
   * @throws ConsoleException 409 when one is running (one at a time: they would replace each
   *     other's rows), 501 when this build cannot recompute
   */
  Run start(Instant from, Instant to);

  Optional<Run> find(String id);

  /**
   * @param state SUBMITTED, RUNNING, FINISHED or FAILED
   * @param error why it failed, null otherwise
   */
  record Run(
      String id,
      Instant from,
      Instant to,
      String state,
      @JsonProperty("submitted_at") Instant submittedAt,
      @JsonProperty("finished_at") Instant finishedAt,
      String error) {}
}
