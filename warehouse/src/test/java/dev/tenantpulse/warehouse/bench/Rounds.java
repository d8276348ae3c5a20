package dev.tenantpulse.warehouse.bench;

import java.util.List;
import java.util.Locale;

/**
 * The measured rounds of one insert method.
 *
 * @param nanos wall time of each measured round (warm-up excluded)
 * @param rows rows inserted per round
 * @param bindNanos of {@code nanos}, the time spent outside the engine call (driver only; else 0)
 */
record Rounds(String method, List<Long> nanos, long rows, List<Long> bindNanos) {

  Rounds {
    if (nanos.isEmpty()) {
      throw new IllegalArgumentException("no measured rounds for " + method);
    }
    nanos = List.copyOf(nanos);
    bindNanos = List.copyOf(bindNanos);
  }

  private List<Double> rates() {
    return nanos.stream().map(n -> rows / (n / 1e9)).sorted().toList();
  }

  /** Rows per second of the median round (the mean of the two middle ones for an even count). */
  double median() {
    List<Double> r = rates();
    int m = r.size() / 2;
    return r.size() % 2 == 1 ? r.get(m) : (r.get(m - 1) + r.get(m)) / 2;
  }

  double min() {
    return rates().getFirst();
  }

  double max() {
    return rates().getLast();
  }

  /** The share of time the driver spent binding (setX + addBatch) rather than in executeBatch. */
  double bindShare() {
    long total = nanos.stream().mapToLong(Long::longValue).sum();
    long bind = bindNanos.stream().mapToLong(Long::longValue).sum();
    return (double) bind / total;
  }

  String line() {
    return String.format(
        Locale.ROOT,
        "%-44s %8.3f %8.3f %8.3f %9.3f",
        method,
        median() / 1e6,
        min() / 1e6,
        max() / 1e6,
        rows / median());
  }

  static String header() {
    return String.format(
        Locale.ROOT,
        "%-44s %8s %8s %8s %9s",
        "method (M rows/s over the measured rounds)",
        "median",
        "min",
        "max",
        "median s");
  }
}
