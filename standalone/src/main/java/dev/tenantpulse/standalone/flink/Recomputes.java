package dev.tenantpulse.standalone.flink;

import dev.tenantpulse.standalone.console.ConsoleException;
import dev.tenantpulse.standalone.console.RecomputeLauncher;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/** The recompute of {@code POST /api/recompute}: flink-jobs' batch mode on the MiniCluster. */
public final class Recomputes {

  private Recomputes() {}

  /** The launcher for the runtime's Flink service. */
  public static RecomputeLauncher on(FlinkService flink) {
    // flink-jobs has no Recompute entry point yet: answer so, rather than accept a run that
    // would never happen.
    return new Unavailable(
        "this build cannot recompute: the flink-jobs module has no Recompute entry point yet");
  }

  /** Refuses every recompute with the reason (501): the API is there, the batch job is not. */
  record Unavailable(String reason) implements RecomputeLauncher {
    @Override
    public Run start(Instant from, Instant to) {
      throw new ConsoleException(HttpStatus.NOT_IMPLEMENTED, "recompute_unavailable", reason);
    }

    @Override
    public Optional<Run> find(String id) {
      return Optional.empty();
    }
  }
}
