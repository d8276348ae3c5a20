package dev.tenantpulse.billing.export;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, as Stripe asks for on 429: the n-th retry waits a random time
 * between half and all of {@code min(max, initial * 2^n)}, so senders that were refused together do
 * not come back together.
 */
record Backoff(Duration initial, Duration max) {

  Backoff {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
    }
  }

  Duration delay(int retry) {
    long ceiling = initial.toNanos() << Math.min(retry, 30);
    if (ceiling <= 0 || ceiling > max.toNanos()) {
      ceiling = max.toNanos();
    }
    long half = ceiling / 2;
    return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
