package dev.tenantpulse.standalone.clickhouse.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measured rounds of every method, printed per round, as medians, and as a README table. The
 * first method is the baseline: a ratio is its time over the method's (above 1 is faster).
 */
final class Report {

  private final List<String> methods;
  private final long rows;
  private final List<List<Double>> rounds = new ArrayList<>();

  Report(List<String> methods, long rows) {
    this.methods = List.copyOf(methods);
    this.rows = rows;
  }

  /** One round: seconds of each method, in the order of {@code methods}. */
  void add(List<Double> seconds) {
    rounds.add(List.copyOf(seconds));
  }

  void print(PrintStream out, List<Long> bytes, List<String> bytesAre) {
    out.println();
    out.printf(
        "%-5s %-60s %8s %9s %9s %9s%n", "round", "method", "s", "M rows/s", "MB/s", "× base");
    for (int r = 0; r < rounds.size(); r++) {
      List<Double> round = rounds.get(r);
      for (int m = 0; m < methods.size(); m++) {
        double s = round.get(m);
        out.printf(
            Locale.ROOT,
            "%-5d %-60s %8.2f %9.2f %9.0f %9.2f%n",
            r + 1,
            methods.get(m),
            s,
            rows / s / 1e6,
            bytes.get(m) / s / 1e6,
            round.getFirst() / s);
      }
    }
    out.println();
    out.printf(
        "%-60s %8s %17s %9s %9s  %s%n",
        "median of " + rounds.size() + " rounds",
        "s",
        "M rows/s (min–max)",
        "MB/s",
        "× base",
        "MB per scan");
    for (int m = 0; m < methods.size(); m++) {
      out.printf(
          Locale.ROOT,
          "%-60s %8.2f %17s %9.0f %9.2f  %.0f (%s)%n",
          methods.get(m),
          median(m),
          rateRange(m),
          bytes.get(m) / median(m) / 1e6,
          median(0) / median(m),
          bytes.get(m) / 1e6,
          bytesAre.get(m));
    }
    out.println();
    out.println("--- README ---");
    out.println("| method | s (median) | M rows/s (min–max) | MB/s | × in-process driver |");
    out.println("|---|---|---|---|---|");
    for (int m = 0; m < methods.size(); m++) {
      out.printf(
          Locale.ROOT,
          "| %s | %.2f | %s | %.0f (%s) | %s%.2f%s |%n",
          methods.get(m),
          median(m),
          rateRange(m),
          bytes.get(m) / median(m) / 1e6,
          bytesAre.get(m),
          m == 0 ? "" : "**",
          median(0) / median(m),
          m == 0 ? "" : "**");
    }
    out.println("--- end ---");
  }

  private double median(int method) {
    List<Double> s = rounds.stream().map(r -> r.get(method)).sorted().toList();
    int mid = s.size() / 2;
    return s.size() % 2 == 1 ? s.get(mid) : (s.get(mid - 1) + s.get(mid)) / 2;
  }

  private String rateRange(int method) {
    List<Double> s = rounds.stream().map(r -> r.get(method)).sorted().toList();
    return String.format(
        Locale.ROOT,
        "%.2f (%.2f–%.2f)",
        rows / median(method) / 1e6,
        rows / s.getLast() / 1e6,
        rows / s.getFirst() / 1e6);
  }
}
