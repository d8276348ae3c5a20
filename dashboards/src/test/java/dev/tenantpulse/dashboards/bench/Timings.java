package dev.tenantpulse.dashboards.bench;

import java.util.ArrayList;
import java.util.List;

/** Run times of one query in milliseconds: median, min, max of the measured runs. */
record Timings(List<Double> millis) {

  Timings {
    millis = List.copyOf(millis);
    if (millis.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
  }

  double median() {
    List<Double> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double min() {
    return millis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  double max() {
    return millis.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }
}
