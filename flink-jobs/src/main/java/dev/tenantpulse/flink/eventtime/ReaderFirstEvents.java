package dev.tenantpulse.flink.eventtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Shared by the watermark generators of one source reader (one per Kafka partition): how many of
 * its partitions have read their first event.
 *
 * <p>A partition with no event yet goes idle after the idle timeout so it cannot stop event time.
 * But when traffic then starts — a backlog posted after a quiet start, say — the partitions' first
 * fetches arrive one after the other, and a partition still marked idle would let the others push
 * the watermark hours ahead of its own backlog, whose events would all be judged late. So a
 * partition's first event wakes the others that have none yet: they hold event time back again for
 * an idle timeout, long enough for their own first fetch. A count rather than a time, because each
 * partition measures time on its own activity clock.
 */
public final class ReaderFirstEvents {

  private final AtomicLong count = new AtomicLong();

  void increment() {
    count.incrementAndGet();
  }

  long count() {
    return count.get();
  }
}
