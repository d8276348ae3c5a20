package dev.tenantpulse.standalone.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Prints a row every {@code every} while a phase runs, and keeps them for the summary. The client
 * counts add up over the phases' traffic runs; rates are over the interval since the row before.
 */
final class Sampler {

  /** How often a phase's end condition is checked between rows (it asks the runtime). */
  private static final long CHECK_NANOS = Duration.ofSeconds(2).toNanos();

  private final PrintStream out;
  private final long every;
  private final long start = System.nanoTime();
  private final List<Row> rows = new ArrayList<>();
  private Probe probe;
  private Traffic.Run current;
  private Traffic.Counts finished = new Traffic.Counts(0, 0, 0, 0);
  private long nextRow;
  private Row previous;
  private long previousAt;

  Sampler(PrintStream out, Duration every, Probe probe) {
    this.out = out;
    this.every = every.toNanos();
    this.probe = probe;
    this.nextRow = start + this.every;
    out.println(Row.HEADER);
  }

  /** After a restart the runtime listens on new ports. */
  void probe(Probe probe) {
    this.probe = probe;
  }

  /** Counts {@code run}'s traffic from now on (the run before it has finished). */
  void track(Traffic.Run run) {
    if (current != null) {
      finished = sum(finished, current.counts());
      current.drainLatencies();
    }
    current = run;
  }

  /**
   * Prints rows until {@code done} or the deadline ({@link System#nanoTime()}).
   *
   * @return whether {@code done} became true
   */
  boolean watch(String phase, BooleanSupplier done, long deadline) {
    long nextCheck = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      if (now - nextCheck >= 0) {
        if (done.getAsBoolean()) {
          return true;
        }
        nextCheck = Math.max(System.nanoTime(), nextCheck + CHECK_NANOS);
      }
      if (now - deadline >= 0) {
        return false;
      }
      if (now - nextRow >= 0) {
        row(phase);
        // on the grid from the start, but never less than half an interval after this row
        do {
          nextRow += every;
        } while (nextRow - System.nanoTime() < every / 2);
      }
      long wake = Math.min(Math.min(nextRow, nextCheck), deadline);
      sleep(Math.max(1, (wake - System.nanoTime()) / 1_000_000));
    }
  }

  /** Reads the runtime and prints a row now. */
  Row row(String phase) {
    long now = System.nanoTime();
    Traffic.Counts counts = current == null ? finished : sum(finished, current.counts());
    int[] latencies = current == null ? new int[0] : current.drainLatencies();
    Probe.Reading reading = probe.read();
    double ingest = Double.NaN;
    double job = Double.NaN;
    if (previous != null) {
      double seconds = (now - previousAt) / 1e9;
      ingest = (counts.accepted() - previous.accepted()) / seconds;
      Probe.Reading before = previous.runtime();
      if (reading.dedup() != null
          && before.dedup() != null
          && reading.jobId() != null
          && reading.jobId().equals(before.jobId())) {
        job = (reading.dedup().in() - before.dedup().in()) / seconds;
      }
    }
    Row row =
        new Row(
            phase,
            (now - start) / 1e9,
            counts.sent(),
            counts.accepted(),
            reading,
            ingest,
            job,
            Traffic.percentileMillis(latencies, 0.99));
    out.println(row.format());
    rows.add(row);
    previous = row;
    previousAt = now;
    return row;
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private static Traffic.Counts sum(Traffic.Counts a, Traffic.Counts b) {
    return new Traffic.Counts(
        a.sent() + b.sent(),
        a.accepted() + b.accepted(),
        a.rejectedEvents() + b.rejectedEvents(),
        a.failedRequests() + b.failedRequests());
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
