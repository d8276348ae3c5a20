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

  /**
   * Starts one as soon as no other runs (state SUBMITTED until then) and returns at once: for a
   * recompute the process asks for itself (after a tenant's erasure), which must not be refused
   * because an operator's runs.
   *
   * @throws ConsoleException 501 when this build cannot recompute
   */
  default Run enqueue(Instant from, Instant to) {
    return start(from, to);
  }

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
