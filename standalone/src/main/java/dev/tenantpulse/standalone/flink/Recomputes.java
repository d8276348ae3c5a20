package dev.tenantpulse.standalone.flink;

import dev.tenantpulse.standalone.console.ConsoleException;
import dev.tenantpulse.standalone.console.RecomputeLauncher;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The recompute of {@code POST /api/recompute}: flink-jobs' {@code Recompute.run(JobConfig, from,
 * to)}, the metric pipelines in Flink's batch mode over the stored events of [from, to), replacing
 * that range's rows. One at a time: two over overlapping ranges would replace each other's rows.
 *
 * <p>Looked up by name, as {@link TenantPulsePipelines} does, while flink-jobs is being written;
 * without the entry point every request is answered 501 with the reason.
 */
public final class Recomputes {

  static final String RECOMPUTE_CLASS = "dev.tenantpulse.flink.recompute.Recompute";

  private Recomputes() {}

  /**
   * The launcher for this process.
   *
   * @param endpoints the broker and chDB the recompute reads and writes (the streaming job's)
   * @param overrides the job properties given with {@code --job}
   */
  public static RecomputeLauncher launcher(
      Supplier<StreamingPipeline.PipelineEndpoints> endpoints, Map<String, String> overrides) {
    try {
      Class<?> config = Class.forName(TenantPulsePipelines.CONFIG_CLASS);
      Method fromProperties = config.getMethod("fromProperties", Map.class);
      Method run =
          Class.forName(RECOMPUTE_CLASS).getMethod("run", config, Instant.class, Instant.class);
      return new FlinkJobsRecompute(fromProperties, run, endpoints, Map.copyOf(overrides));
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      return new Unavailable(
          "this build cannot recompute: flink-jobs has no "
              + RECOMPUTE_CLASS
              + ".run(JobConfig, Instant, Instant) on the class path yet");
    }
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

  /** Runs flink-jobs' recompute on a thread of its own and keeps each run's outcome. */
  static final class FlinkJobsRecompute implements RecomputeLauncher {

    private static final Logger log = LoggerFactory.getLogger(FlinkJobsRecompute.class);

    private final Method fromProperties;
    private final Method run;
    private final Supplier<StreamingPipeline.PipelineEndpoints> endpoints;
    private final Map<String, String> overrides;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    /** One run at a time: two over overlapping ranges would replace each other's rows. */
    private final Semaphore slot = new Semaphore(1);

    private volatile String running;

    FlinkJobsRecompute(
        Method fromProperties,
        Method run,
        Supplier<StreamingPipeline.PipelineEndpoints> endpoints,
        Map<String, String> overrides) {
      this.fromProperties = fromProperties;
      this.run = run;
      this.endpoints = endpoints;
      this.overrides = overrides;
    }

    @Override
    public Run start(Instant from, Instant to) {
      if (!slot.tryAcquire()) {
        throw new ConsoleException(
            HttpStatus.CONFLICT,
            "recompute_running",
            "recompute " + running + " is still running; one runs at a time");
      }
      Run submitted =
          new Run(UUID.randomUUID().toString(), from, to, "RUNNING", Instant.now(), null, null);
      runs.put(submitted.id(), submitted);
      running = submitted.id();
      Thread.ofVirtual().name("recompute-" + submitted.id()).start(() -> execute(submitted));
      return submitted;
    }

    @Override
    public Run enqueue(Instant from, Instant to) {
      Run submitted =
          new Run(UUID.randomUUID().toString(), from, to, "SUBMITTED", Instant.now(), null, null);
      runs.put(submitted.id(), submitted);
      Thread.ofVirtual()
          .name("recompute-" + submitted.id())
          .start(
              () -> {
                slot.acquireUninterruptibly();
                running = submitted.id();
                Run started =
                    new Run(
                        submitted.id(), from, to, "RUNNING", submitted.submittedAt(), null, null);
                runs.put(started.id(), started);
                execute(started);
              });
      return submitted;
    }

    /** Runs it, holding the slot, and frees the slot before the outcome is visible. */
    private void execute(Run submitted) {
      String id = submitted.id();
      Instant from = submitted.from();
      Instant to = submitted.to();
      Run done;
      try {
        Object config =
            fromProperties.invoke(
                null, TenantPulsePipelines.properties(endpoints.get(), overrides));
        run.invoke(null, config, from, to);
        done = finished(submitted, "FINISHED", null);
        log.info("recompute {} of [{}, {}) finished", id, from, to);
      } catch (InvocationTargetException e) {
        log.error("recompute {} of [{}, {}) failed", id, from, to, e.getCause());
        done = finished(submitted, "FAILED", String.valueOf(e.getCause()));
      } catch (IllegalAccessException | RuntimeException e) {
        log.error("recompute {} could not run", id, e);
        done = finished(submitted, "FAILED", e.toString());
      }
      running = null;
      slot.release();
      runs.put(id, done);
    }

    private static Run finished(Run run, String state, String error) {
      return new Run(
          run.id(), run.from(), run.to(), state, run.submittedAt(), Instant.now(), error);
    }

    @Override
    public Optional<Run> find(String id) {
      return Optional.ofNullable(runs.get(id));
    }
  }
}
