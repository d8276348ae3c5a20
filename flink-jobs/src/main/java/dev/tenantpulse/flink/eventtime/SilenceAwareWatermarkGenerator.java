package dev.tenantpulse.flink.eventtime;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Watermarks of one Kafka partition: the newest event time minus the disorder bound, and — once the
 * partition has been silent for the idle timeout — the wall clock minus the bound, so event time
 * keeps advancing through an outage and hours with no activity still close ({@code active_24h =
 * 0}).
 *
 * <p>KafkaSource runs one generator per partition and forwards the minimum over the partitions that
 * are not idle. So the combined watermark follows the wall clock only once every partition that has
 * events is silent; while one still delivers (a replay of old events, say) that one holds it back.
 *
 * <p>Silence is measured on Flink's input activity clock, which stops while the source is
 * back-pressured: a job stalled behind a slow sink has events waiting, and jumping to the wall
 * clock then would make the rest of a replayed backlog late. The watermark's value during silence
 * is still the wall clock.
 *
 * <p>Before its first event a partition holds the others back (its watermark is the minimum) for
 * the idle timeout, then reports itself idle. Holding back matters at start-up with a backlog: a
 * partition whose first fetch comes later must not find the others' watermark already days ahead
 * (its events would all be late). Going idle matters for a partition that never receives anything:
 * it must not stop event time for good. Its watermark never jumps to the wall clock before it has
 * seen an event (a backlog of old events read afterwards would all be late). And when another
 * partition of the same reader reads its first event, an idle one without events becomes active
 * again for an idle timeout ({@link ReaderFirstEvents}): traffic that starts after a quiet start
 * reaches every partition within moments, and none may be skipped while its first fetch is on its
 * way.
 *
 * <p>When its reader is the job's only one, a partition goes idle before its first event only once
 * another partition of the reader has seen one: the reader as a whole is never idle (see {@link
 * #beforeFirstEvent}). With more readers a reader must be able to go idle, or one whose partitions
 * never receive anything would stop event time for good.
 *
 * <p>The generator is not checkpointed: after a restart a partition waits for its first event again
 * before following the wall clock. If the whole topic stays silent across a restart, hours
 * therefore resume closing only with the next event.
 */
public final class SilenceAwareWatermarkGenerator<T> implements WatermarkGenerator<T> {

  private final long bound;
  private final long idleTimeout;
  private final WallClock wallClock;
  private final RelativeClock activityClock;
  private final ReaderFirstEvents readerFirstEvents;
  private final boolean onlyReader;

  private boolean seenEvent;
  private boolean idle;
  private long quietSince;
  private long firstEventsKnown;
  private long newestEventTime = Long.MIN_VALUE;
  private long lastEventActivityTime;
  private long emitted = Long.MIN_VALUE;

  /** A generator alone in its reader whose input is never back-pressured (tests). */
  public <C extends WallClock & RelativeClock> SilenceAwareWatermarkGenerator(
      long boundMillis, long idleTimeoutMillis, C clock) {
    this(boundMillis, idleTimeoutMillis, clock, clock, new ReaderFirstEvents(), false);
  }

  /**
   * @param wallClock what event time follows during silence
   * @param activityClock what silence is measured on: stops while the input cannot make progress
   * @param readerFirstEvents shared by the generators of the partitions of one reader
   * @param onlyReader whether its reader is the job's only one: then a partition goes idle before
   *     its first event only once another partition of the reader has seen one
   */
  public SilenceAwareWatermarkGenerator(
      long boundMillis,
      long idleTimeoutMillis,
      WallClock wallClock,
      RelativeClock activityClock,
      ReaderFirstEvents readerFirstEvents,
      boolean onlyReader) {
    if (boundMillis < 0 || idleTimeoutMillis <= 0) {
      throw new IllegalArgumentException("bound must be >= 0 and idle timeout > 0");
    }
    this.bound = boundMillis;
    this.idleTimeout = idleTimeoutMillis;
    this.wallClock = wallClock;
    this.activityClock = activityClock;
    this.readerFirstEvents = readerFirstEvents;
    this.onlyReader = onlyReader;
    this.quietSince = activityClock.relativeTimeMillis();
    this.firstEventsKnown = readerFirstEvents.count();
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    if (!seenEvent) {
      seenEvent = true;
      readerFirstEvents.increment();
    }
    newestEventTime = Math.max(newestEventTime, eventTimestamp);
    lastEventActivityTime = activityClock.relativeTimeMillis();
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long now = activityClock.relativeTimeMillis();
    if (!seenEvent) {
      beforeFirstEvent(now, output);
      return;
    }
    // As Flink's bounded-out-of-orderness generator: an event exactly `bound` behind the newest
    // is not yet behind the watermark.
    long watermark = newestEventTime - bound - 1;
    if (now - lastEventActivityTime >= idleTimeout) {
      watermark = Math.max(watermark, wallClock.millis() - bound - 1);
    }
    if (watermark > emitted) {
      emitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }

  private void beforeFirstEvent(long now, WatermarkOutput output) {
    long firstEvents = readerFirstEvents.count();
    if (firstEvents != firstEventsKnown) { // another partition started: ours may be next
      firstEventsKnown = firstEvents;
      quietSince = now;
    }
    // The job's only reader never goes idle as a whole: downstream, an input that turns active
    // again is left out until its watermark catches up, and parallel operators pass the change on
    // at different speeds, so a backlog arriving after an idle start could reach an operator
    // behind a watermark another subtask had already taken past it. Nothing has to close before
    // the first event anyway.
    boolean mayIdle = !onlyReader || firstEvents > 0;
    if (now - quietSince >= idleTimeout && mayIdle) {
      idle = true;
      output.markIdle();
    } else if (idle) {
      idle = false;
      output.markActive(); // its watermark is still unset: holds the reader's back
    }
  }

  /** The last watermark emitted, {@link Long#MIN_VALUE} before the first. */
  public long currentWatermark() {
    return emitted;
  }
}
