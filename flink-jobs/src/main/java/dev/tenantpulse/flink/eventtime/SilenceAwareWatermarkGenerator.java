package dev.tenantpulse.flink.eventtime;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

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
 * <p>Before its first event a partition holds the others back (its watermark is the minimum) for
 * the idle timeout, then reports itself idle. Holding back matters at start-up with a backlog: a
 * partition whose first fetch comes later must not find the others' watermark already days ahead
 * (its events would all be late). Going idle matters for a partition that never receives anything:
 * it must not stop event time for good. Its watermark never jumps to the wall clock before it has
 * seen an event (a backlog of old events read afterwards would all be late).
 *
 * <p>The generator is not checkpointed: after a restart a partition waits for its first event again
 * before following the wall clock. If the whole topic stays silent across a restart, hours
 * therefore resume closing only with the next event.
 */
public final class SilenceAwareWatermarkGenerator<T> implements WatermarkGenerator<T> {

  private final long bound;
  private final long idleTimeout;
  private final WallClock clock;

  private final long createdAt;
  private boolean seenEvent;
  private long newestEventTime = Long.MIN_VALUE;
  private long lastEventWallTime;
  private long emitted = Long.MIN_VALUE;

  public SilenceAwareWatermarkGenerator(long boundMillis, long idleTimeoutMillis, WallClock clock) {
    if (boundMillis < 0 || idleTimeoutMillis <= 0) {
      throw new IllegalArgumentException("bound must be >= 0 and idle timeout > 0");
    }
    this.bound = boundMillis;
    this.idleTimeout = idleTimeoutMillis;
    this.clock = clock;
    this.createdAt = clock.millis();
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    seenEvent = true;
    newestEventTime = Math.max(newestEventTime, eventTimestamp);
    lastEventWallTime = clock.millis();
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (!seenEvent) {
      if (clock.millis() - createdAt >= idleTimeout) {
        output.markIdle();
      }
      return;
    }
    // As Flink's bounded-out-of-orderness generator: an event exactly `bound` behind the newest
    // is not yet behind the watermark.
    long watermark = newestEventTime - bound - 1;
    long now = clock.millis();
    if (now - lastEventWallTime >= idleTimeout) {
      watermark = Math.max(watermark, now - bound - 1);
    }
    if (watermark > emitted) {
      emitted = watermark;
      output.emitWatermark(new Watermark(watermark));
    }
  }

  /** The last watermark emitted, {@link Long#MIN_VALUE} before the first. */
  public long currentWatermark() {
    return emitted;
  }
}
