package dev.tenantpulse.standalone.soak;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The load's start, middle and end rows again, their ratios, and the two budgets of issue 20
 * checked: the process's peak RSS, and ingestion at the end within 20 % of its rate at the start.
 * The start row is the load's second when it printed four or more (the first is warm-up).
 */
final class Summary {

  /** Ingestion at the end may be this much below its rate at the start. */
  private static final double RATE_TOLERANCE = 0.2;

  private final PrintStream out;
  private final SoakOptions options;
  private final Checks checks;

  Summary(PrintStream out, SoakOptions options, Checks checks) {
    this.out = out;
    this.options = options;
    this.checks = checks;
  }

  void print(List<Row> rows) {
    long peakRss =
        rows.stream()
            .map(r -> r.runtime().peakRss())
            .filter(Objects::nonNull)
            .mapToLong(Long::longValue)
            .max()
            .orElse(-1);
    checks.add(
        "resident memory within budget",
        peakRss > 0 && peakRss <= options.maxRssBytes(),
        String.format(
            Locale.ROOT,
            "peak RSS %s GB (VmHWM; of every process run), budget %s GB",
            peakRss < 0 ? "?" : Row.gb(peakRss),
            Row.gb(options.maxRssBytes())));
    List<Row> load =
        rows.stream()
            .filter(r -> r.phase().equals("load") && !Double.isNaN(r.ingestRate()))
            .toList();
    out.println();
    Set<Path> local = rows.isEmpty() ? Set.of() : rows.getLast().runtime().localStateDirs();
    out.println(
        local.isEmpty()
            ? "local state: no RocksDB instance open (a heap state backend keeps it on the heap)"
            : "local state: "
                + local.size()
                + " RocksDB instances under "
                + local.stream().map(Path::getParent).distinct().toList());
    if (load.isEmpty()) {
      out.println("summary: the load printed no row (a run shorter than --every)");
      return;
    }
    // The first interval is the JIT's (collector, job and client compile for about a minute on two
    // cores, and an open-loop schedule then catches up): with enough rows, start from the second.
    Row start = load.size() >= 4 ? load.get(1) : load.getFirst();
    Row end = load.getLast();
    long half = (start.accepted() + end.accepted()) / 2;
    Row middle =
        load.stream().min(Comparator.comparingLong(r -> Math.abs(r.accepted() - half))).get();
    out.println("summary (rows of the load):");
    out.println(Row.HEADER);
    for (Row r : List.of(named(start, "start"), named(middle, "middle"), named(end, "end"))) {
      out.println(r.format());
    }
    double ingest = end.ingestRate() / start.ingestRate();
    out.printf(
        Locale.ROOT,
        "ratios end/start: ingestion %s, job %s, checkpoint duration %s, checkpoint state %s,"
            + " heap used %s, old generation after GC %s, RSS %s; largest lag %s, largest p99 %s"
            + " ms%n",
        ratio(ingest),
        ratio(end.jobRate() / start.jobRate()),
        ratio(checkpointRatio(start, end, c -> (double) c.durationMs())),
        ratio(checkpointRatio(start, end, c -> (double) c.stateSize())),
        ratio(ratio(end.runtime().heapUsed(), start.runtime().heapUsed())),
        end.runtime().oldGenAfterGc() == null || start.runtime().oldGenAfterGc() == null
            ? "-"
            : ratio(end.runtime().oldGenAfterGc() / start.runtime().oldGenAfterGc()),
        ratio(ratio(end.runtime().rss(), start.runtime().rss())),
        load.stream()
            .map(r -> r.runtime().lag())
            .filter(Objects::nonNull)
            .max(Long::compare)
            .map(String::valueOf)
            .orElse("?"),
        Row.rate(
            load.stream()
                .mapToDouble(Row::p99Ms)
                .filter(d -> !Double.isNaN(d))
                .max()
                .orElse(Double.NaN)));
    FlinkRest.Checkpoint last = end.runtime().checkpoint();
    if (last != null) {
      out.printf(
          Locale.ROOT,
          "checkpoints by the end of the load: %d completed, %d failed%n",
          last.completed(),
          last.failed());
    }
    checks.add(
        "ingestion holds its rate",
        ingest >= 1 - RATE_TOLERANCE,
        String.format(
            Locale.ROOT,
            "%s events/s at the end, %s at the start (at least %.0f %% of it)",
            Row.rate(end.ingestRate()),
            Row.rate(start.ingestRate()),
            100 * (1 - RATE_TOLERANCE)));
  }

  private static Row named(Row r, String phase) {
    return new Row(
        phase,
        r.seconds(),
        r.sent(),
        r.accepted(),
        r.runtime(),
        r.ingestRate(),
        r.jobRate(),
        r.p99Ms());
  }

  private static double checkpointRatio(
      Row start, Row end, Function<FlinkRest.Checkpoint, Double> figure) {
    FlinkRest.Checkpoint a = start.runtime().checkpoint();
    FlinkRest.Checkpoint b = end.runtime().checkpoint();
    return a == null || b == null ? Double.NaN : figure.apply(b) / figure.apply(a);
  }

  private static double ratio(Long end, Long start) {
    return end == null || start == null ? Double.NaN : (double) end / start;
  }

  private static String ratio(double r) {
    return Double.isNaN(r) || Double.isInfinite(r) ? "-" : String.format(Locale.ROOT, "%.2f", r);
  }
}
