package dev.tenantpulse.collector.limits;

import dev.tenantpulse.collector.CollectorProperties;
import dev.tenantpulse.collector.web.ApiException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Events per second per API key, as a token bucket: a key may send {@code burstEvents} at once and
 * {@code eventsPerSecond} sustained. A request that does not fit is refused whole (429 with the
 * whole seconds until it would fit), so a batch is never half-accepted for rate reasons.
 *
 * <p>Tokens are counted in billionths (one event = 10⁹ units, refilled at {@code eventsPerSecond}
 * units per nanosecond), so refill and Retry-After are exact integers: a client that waits the
 * Retry-After it was given is let through, which rounding in doubles does not guarantee.
 *
 * <p>Per process: N collector replicas allow N times the rate, the usual trade for not putting a
 * shared store on the ingestion path.
 */
@Component
public class RateLimiter {

  private static final long UNITS_PER_EVENT = 1_000_000_000L;

  private final long unitsPerNano;
  private final long burstUnits;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final String unit;

  @Autowired
  public RateLimiter(CollectorProperties properties) {
    this(
        properties.rateLimit().eventsPerSecond(),
        properties.rateLimit().burstEvents(),
        System::nanoTime);
  }

  RateLimiter(int eventsPerSecond, int burstEvents, LongSupplier nanoTime) {
    this(eventsPerSecond, burstEvents, nanoTime, "events");
  }

  /**
   * A bucket per credential of {@code unit}s (e.g. the tenant read API's reads).
   *
   * @param unit what is counted, named in the 429's detail
   */
  public RateLimiter(int eventsPerSecond, int burstEvents, LongSupplier nanoTime, String unit) {
    if (eventsPerSecond < 1) {
      throw new IllegalArgumentException("eventsPerSecond must be >= 1, got " + eventsPerSecond);
    }
    this.unitsPerNano = eventsPerSecond;
    this.burstUnits = Math.max(burstEvents, 1) * UNITS_PER_EVENT; // < 2^31 · 10⁹ < 2^63
    this.nanoTime = nanoTime;
    this.unit = unit;
  }

  /** Takes {@code events} tokens from the key's bucket, or throws 429 with Retry-After. */
  public void acquire(String keyId, int events) {
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.computeIfAbsent(keyId, k -> new Bucket(burstUnits, now));
    long missing = bucket.take(events * UNITS_PER_EVENT, now);
    if (missing > 0) {
      long waitNanos = Math.ceilDiv(missing, unitsPerNano);
      throw ApiException.rateLimited(
          unit, Duration.ofSeconds(Math.max(1, Math.ceilDiv(waitNanos, 1_000_000_000L))));
    }
  }

  private final class Bucket {
    private long units;
    private long updated;

    Bucket(long units, long now) {
      this.units = units;
      this.updated = now;
    }

    /** Takes the units and answers 0, or takes none and answers how many are missing. */
    synchronized long take(long wanted, long now) {
      long elapsed = Math.max(0, now - updated);
      // Past the time to refill the whole bucket, more elapsed time changes nothing (and the
      // product below cannot overflow).
      long refill = elapsed >= burstUnits / unitsPerNano ? burstUnits : elapsed * unitsPerNano;
      units = Math.min(burstUnits, units + refill);
      updated = Math.max(updated, now);
      // A request larger than the burst could never fit: let it through when the bucket is full.
      wanted = Math.min(wanted, burstUnits);
      if (units >= wanted) {
        units -= wanted;
        return 0;
      }
      return wanted - units;
    }
  }
}
