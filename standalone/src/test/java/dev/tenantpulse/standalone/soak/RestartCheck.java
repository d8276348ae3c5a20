package dev.tenantpulse.standalone.soak;

import dev.tenantpulse.standalone.Endpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Stops the child as Ctrl-C does (the job stops with a savepoint), starts it again on the same data
 * and times it: until the runtime is up (the collector starts last, after the job is submitted),
 * until every task of the job is RUNNING (restoring its state first), and until the lag is 0. The
 * re-send that follows checks that the restored state still knows the old ids.
 */
final class RestartCheck {

  /** What a JVM stopped by SIGTERM exits with, once its shutdown hooks have run. */
  private static final int SIGTERM_EXIT = 143;

  private final SoakBenchmark soak;

  RestartCheck(SoakBenchmark soak) {
    this.soak = soak;
  }

  void run() throws Exception {
    SoakTarget target = soak.target();
    Sampler sampler = soak.sampler();
    Long rowsBefore = soak.probe().tableRows();
    sampler.row("stop");
    long began = System.nanoTime();
    int exit = target.stop();
    double stopped = seconds(began);
    Path flinkDir = target.dataDir().resolve("flink");
    soak.out()
        .printf(
            Locale.ROOT,
            "restart: stopped in %.1f s (exit %d), savepoints %s MB, checkpoints %s MB on disk%n",
            stopped,
            exit,
            Row.mb(Disk.size(flinkDir.resolve("savepoints"))),
            Row.mb(Disk.size(flinkDir.resolve("checkpoints"))));
    began = System.nanoTime();
    Endpoints endpoints = target.start();
    double up = seconds(began);
    soak.reconnect(endpoints);
    long deadline = began + SoakTarget.START_TIMEOUT.toNanos();
    boolean running = sampler.watch("restart", this::everyTaskRunning, deadline);
    double runningAt = seconds(began);
    boolean caughtUp =
        running
            && sampler.watch(
                "restart",
                () -> {
                  Probe.Progress p = soak.probe().progress();
                  return p.lag() != null && p.lag() == 0 && p.dedup() != null;
                },
                deadline);
    double caughtUpAt = seconds(began);
    Probe.Progress p = soak.probe().progress();
    Long rowsAfter = soak.probe().tableRows();
    String detail =
        String.format(
            Locale.ROOT,
            "stop %.1f s (exit %d); start: runtime up in %.1f s, every task RUNNING at %.1f s, lag"
                + " 0 at %.1f s; restored from %s; events rows %s before the stop, %s after",
            stopped,
            exit,
            up,
            runningAt,
            caughtUpAt,
            p.restoredFrom(),
            rowsBefore == null ? "?" : String.format(Locale.ROOT, "%,d", rowsBefore),
            rowsAfter == null ? "?" : String.format(Locale.ROOT, "%,d", rowsAfter));
    soak.checks()
        .add(
            "a clean stop and start resumes from the snapshot and catches up",
            exit == SIGTERM_EXIT && running && caughtUp && p.restoredFrom() != null,
            detail);
  }

  private boolean everyTaskRunning() {
    Probe.Progress p = soak.probe().progress();
    try {
      return p.jobId() != null && soak.probe().flink().state(p.jobId()).running();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
