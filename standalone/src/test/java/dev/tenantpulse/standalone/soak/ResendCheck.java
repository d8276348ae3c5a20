package dev.tenantpulse.standalone.soak;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * Re-sends a sample of ids the load already sent, spread evenly over the whole run from the very
 * first, and checks the job dropped every one: the dedup operator's {@code duplicateEvents} grows
 * by the sample, its output does not grow, and neither does the {@code events} table once a
 * checkpoint has flushed the sinks. Ids whose first request failed are left out (their events may
 * never have arrived).
 */
final class ResendCheck {

  /** Flink's metric fetcher refreshes every 10 s: two equal readings this far apart are settled. */
  private static final long SETTLED_NANOS = Duration.ofSeconds(11).toNanos();

  private final SoakBenchmark soak;

  ResendCheck(SoakBenchmark soak) {
    this.soak = soak;
  }

  /**
   * @param offset added to every sampled event number, so a second sample re-sends other ids
   */
  void run(String phase, long offset) {
    SoakOptions options = soak.options();
    Traffic.Run load = soak.load();
    long sentByLoad = load.counts().sent();
    long stride = Math.max(1, options.events() / Math.max(1, options.resend()));
    long[] sample =
        LongStream.range(0, options.resend())
            .map(k -> k * stride + offset)
            .filter(n -> n < sentByLoad && !load.failed(n))
            .toArray();
    String when = offset == 0 ? "after the load" : "after the restart";
    Probe.Progress before = settled();
    Long rowsBefore = soak.probe().tableRows();
    long deadline =
        System.nanoTime()
            + Math.round(2e9 * sample.length / options.rate())
            + Duration.ofMinutes(2).toNanos();
    Traffic.Run resend =
        soak.traffic().start(i -> sample[(int) i], sample.length, options.rate(), deadline);
    Sampler sampler = soak.sampler();
    sampler.track(resend);
    sampler.watch(phase, resend::done, deadline + Duration.ofSeconds(90).toNanos());
    long accepted = resend.counts().accepted();
    long expectedIn = before.dedup().in() + accepted;
    sampler.watch(
        phase,
        () -> {
          Probe.Progress p = soak.probe().progress();
          return p.dedup() != null && p.dedup().in() >= expectedIn;
        },
        System.nanoTime() + Duration.ofMinutes(5).toNanos());
    Probe.Progress after = settled();
    awaitCheckpoints(after.jobId(), 2);
    Long rowsAfter = soak.probe().tableRows();
    long duplicates = after.dedup().duplicates() - before.dedup().duplicates();
    long firstCopies = after.dedup().out() - before.dedup().out();
    long rows = rowsAfter == null || rowsBefore == null ? Long.MIN_VALUE : rowsAfter - rowsBefore;
    soak.checks()
        .add(
            "old ids re-sent " + when + " were all dropped",
            accepted == sample.length && duplicates == accepted && firstCopies == 0 && rows <= 0,
            String.format(
                Locale.ROOT,
                "%,d ids re-sent (1 event in %,d from #%d on; %,d accepted): duplicateEvents +%,d,"
                    + " dedup output +%,d, events rows %s",
                sample.length,
                stride,
                offset,
                accepted,
                duplicates,
                firstCopies,
                rows == Long.MIN_VALUE ? "unreadable" : String.format(Locale.ROOT, "%+,d", rows)));
  }

  /** The dedup counters once they stop changing (read twice, a metric refresh apart). */
  private Probe.Progress settled() {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    Probe.Progress last = soak.probe().progress();
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Sampler.sleep(2_000);
      Probe.Progress now = soak.probe().progress();
      if (now.dedup() == null || last.dedup() == null || !now.dedup().equals(last.dedup())) {
        last = now;
        since = System.nanoTime();
      } else if (System.nanoTime() - since >= SETTLED_NANOS) {
        return now;
      }
    }
    if (last.dedup() == null) {
      throw new IllegalStateException("the dedup operator's counters cannot be read");
    }
    return last;
  }

  /** Waits for {@code more} checkpoints to complete (the sinks write at checkpoints). */
  private void awaitCheckpoints(String job, int more) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long from = checkpointId(job);
    while (checkpointId(job) < from + more && System.nanoTime() < deadline) {
      Sampler.sleep(1_000);
    }
  }

  private long checkpointId(String job) {
    try {
      FlinkRest.Checkpoint c = soak.probe().flink().checkpoint(job);
      return c == null ? 0 : c.id();
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }
}
