package dev.tenantpulse.scenario.oracle;

/**
 * Nearest-rank percentiles in integer arithmetic: the ⌈q·n⌉-th smallest, with ⌈n/2⌉ = (n+1)/2 and
 * ⌈9n/10⌉ = (9n+9)/10, never through floating point (docs/metric-semantics.md).
 */
final class NearestRank {

  private NearestRank() {}

  /** The median of ascending {@code sorted}; null when empty. */
  static Long p50(long[] sorted) {
    return sorted.length == 0 ? null : sorted[(sorted.length + 1) / 2 - 1];
  }

  /** The 90th percentile of ascending {@code sorted}; null when empty. */
  static Long p90(long[] sorted) {
    return sorted.length == 0 ? null : sorted[(9 * sorted.length + 9) / 10 - 1];
  }
}
