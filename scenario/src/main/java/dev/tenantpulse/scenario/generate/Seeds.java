package dev.tenantpulse.scenario.generate;

import java.util.SplittableRandom;

/** Independent, reproducible random streams derived from the scenario seed. */
final class Seeds {

  /** Stream ids, so that adding a stream never shifts the numbers of another. */
  static final long ARRIVALS = 0x41525249L;

  private Seeds() {}

  /** The random stream of tenant {@code index}: it depends on the seed and the index only. */
  static SplittableRandom tenant(long seed, int index) {
    return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index));
  }

  static SplittableRandom stream(long seed, long streamId) {
    return new SplittableRandom(mix(seed ^ mix(streamId)));
  }

  /** The finaliser of SplitMix64: neighbouring inputs give unrelated outputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
