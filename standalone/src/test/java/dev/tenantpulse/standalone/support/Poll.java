package dev.tenantpulse.standalone.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline: tests never sleep a fixed time for a result. */
public final class Poll {

  private Poll() {}

  /**
   * Returns the first value {@code probe} produces that {@code done} accepts.
   *
   * @throws AssertionError with the last value seen when the deadline passes
   */
  public static <T> T until(
      Duration deadline, Supplier<T> probe, java.util.function.Predicate<T> done, String what) {
    long end = System.nanoTime() + deadline.toNanos();
    T last = null;
    while (System.nanoTime() < end) {
      long began = System.nanoTime();
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      try {
        // at least as long as the probe took: an expensive probe must not load what it watches
        Thread.sleep(Math.max(250, (System.nanoTime() - began) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
    throw new AssertionError(
        "waited " + deadline.toSeconds() + " s for " + what + "; last seen: " + last);
  }
}
