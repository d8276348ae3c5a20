package dev.tenantpulse.billing.export;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * At most {@code callsPerSecond} calls per second across every sender thread: each call takes the
 * next free slot, evenly spaced, so there are no bursts for Stripe to answer with 429.
 */
final class RateCeiling {

  private final long intervalNanos;
  private long nextSlot;

  RateCeiling(double callsPerSecond) {
    if (!(callsPerSecond > 0)) {
      throw new IllegalArgumentException("callsPerSecond must be > 0, got " + callsPerSecond);
    }
    this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / callsPerSecond);
    this.nextSlot = System.nanoTime();
  }

  /** Waits for this caller's slot. */
  void acquire() {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
    }
    long wait;
    while ((wait = slot - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
