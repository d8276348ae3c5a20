package dev.tenantpulse.flink.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of latencies in milliseconds. */
final class Percentiles {

  private final List<Long> values = new ArrayList<>();

  synchronized void add(long millis) {
    values.add(millis);
  }

  synchronized int count() {
    return values.size();
  }

  synchronized long at(double q) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
