package dev.tenantpulse.standalone.soak;

import java.util.Locale;

/**
 * One printed line of figures.
 *
 * @param seconds since the load started
 * @param sent events in answered requests, every phase so far
 * @param accepted events the collector accepted, every phase so far
 * @param ingestRate accepted events per second over the interval before this row
 * @param jobRate events into the dedup operator per second over that interval (NaN across a
 *     restart, whose counters start again)
 * @param p99Ms the 99th percentile latency of the interval's requests, from when each was due
 */
record Row(
    String phase,
    double seconds,
    long sent,
    long accepted,
    Probe.Reading runtime,
    double ingestRate,
    double jobRate,
    double p99Ms) {

  static final String HEADER =
      String.format(
          Locale.ROOT,
          "%-8s %7s %9s %9s %9s %9s %9s %11s %5s %6s %6s %8s %7s %7s %7s %13s %7s %7s %7s",
          "phase",
          "t",
          "sent",
          "accepted",
          "job in",
          "rows",
          "lag",
          "heap MB",
          "old%",
          "RSS GB",
          "peak",
          "ckpt MB",
          "local",
          "data GB",
          "ckpt s",
          "ckpt MB f/i",
          "in/s",
          "job/s",
          "p99 ms");

  String format() {
    Probe.Reading r = runtime;
    FlinkRest.Checkpoint c = r.checkpoint();
    return String.format(
        Locale.ROOT,
        "%-8s %7s %9s %9s %9s %9s %9s %11s %5s %6s %6s %8s %7s %7s %7s %13s %7s %7s %7s",
        phase,
        clock(seconds),
        millions(sent),
        millions(accepted),
        r.dedup() == null ? "?" : millions(r.dedup().in()),
        r.tableRows() == null ? "?" : millions(r.tableRows()),
        r.lag() == null ? "?" : Long.toString(r.lag()),
        r.heapUsed() == null ? "?" : mb(r.heapUsed()) + "/" + mb(r.heapCommitted()),
        r.oldGenAfterGc() == null
            ? "?"
            : String.format(Locale.ROOT, "%.0f", 100 * r.oldGenAfterGc()),
        r.rss() == null ? "?" : gb(r.rss()),
        r.peakRss() == null ? "?" : gb(r.peakRss()),
        mb(r.checkpointDirBytes()),
        mb(r.localStateBytes()),
        gb(r.dataDirBytes()),
        c == null ? "-" : String.format(Locale.ROOT, "%.2f", c.durationMs() / 1000.0),
        c == null ? "-" : mb(c.stateSize()) + "/" + mb(c.checkpointedSize()),
        rate(ingestRate),
        rate(jobRate),
        Double.isNaN(p99Ms) ? "-" : String.format(Locale.ROOT, "%.0f", p99Ms));
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  static String millions(long n) {
    return String.format(Locale.ROOT, "%.3fM", n / 1e6);
  }

  static String mb(long bytes) {
    return Long.toString(Math.round(bytes / 1e6));
  }

  static String gb(long bytes) {
    return String.format(Locale.ROOT, "%.2f", bytes / 1e9);
  }

  static String rate(double perSecond) {
    return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.0f", perSecond);
  }
}
