package dev.tenantpulse.flink.metrics;

/**
 * Versions of re-emitted rows: the computation time in ms, but strictly above the previous version
 * of the same row, so a re-emit always replaces in ReplacingMergeTree even within one millisecond
 * or after the wall clock stepped back. Callers keep the previous version in checkpointed state, so
 * a restored job still writes above what it wrote before.
 */
public final class RowVersions {

  /** The version of a row never emitted before. */
  public static final long NONE = 0L;

  private RowVersions() {}

  public static long next(long previous, long nowMillis) {
    return Math.max(previous + 1, nowMillis);
  }
}
