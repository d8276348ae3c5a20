package dev.tenantpulse.flink.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

class SilenceAwareWatermarkGeneratorTests {

  private static final long BOUND = 30_000;
  private static final long IDLE = 120_000;
  private static final long T0 = 1_767_571_200_000L; // 2026-01-05T00:00:00Z

  private final ManualClock clock = new ManualClock(T0 + 3_600_000);
  private final RecordingOutput out = new RecordingOutput();
  private final SilenceAwareWatermarkGenerator<String> generator =
      new SilenceAwareWatermarkGenerator<>(BOUND, IDLE, clock);

  @Test
  void holdsBackBeforeTheFirstEventThenGoesIdleWithoutFollowingTheWallClock() {
    generator.onPeriodicEmit(out);
    clock.advance(IDLE - 1);
    generator.onPeriodicEmit(out);
    assertThat(out.idleMarks).isZero(); // a partition whose first fetch is late holds the rest

    clock.advance(1);
    generator.onPeriodicEmit(out);
    clock.advance(10 * IDLE);
    generator.onPeriodicEmit(out);

    assertThat(out.idleMarks).isEqualTo(2); // an empty partition must not stop event time
    assertThat(out.watermarks).isEmpty(); // nor push it to the wall clock
  }

  @Test
  void anIdlePartitionWithoutEventsHoldsBackAgainWhenAnotherOfItsReaderReadsItsFirstEvent() {
    ReaderFirstEvents reader = new ReaderFirstEvents();
    var empty =
        new SilenceAwareWatermarkGenerator<String>(BOUND, IDLE, clock, clock, reader, false);
    var first =
        new SilenceAwareWatermarkGenerator<String>(BOUND, IDLE, clock, clock, reader, false);
    RecordingOutput firstOut = new RecordingOutput();
    clock.advance(IDLE);
    empty.onPeriodicEmit(out);
    assertThat(out.idleMarks).isEqualTo(1); // a quiet start: idle

    first.onEvent("a", T0, firstOut); // traffic starts on another partition
    empty.onPeriodicEmit(out);
    assertThat(out.activeMarks).isEqualTo(1); // its own first fetch may be on the way
    clock.advance(IDLE - 1);
    empty.onPeriodicEmit(out);
    assertThat(out.idleMarks).isEqualTo(1);

    clock.advance(1); // still nothing: an empty partition, idle again
    empty.onPeriodicEmit(out);
    assertThat(out.idleMarks).isEqualTo(2);
    assertThat(out.activeMarks).isEqualTo(1);
    assertThat(out.watermarks).isEmpty();
  }

  @Test
  void theOnlyReaderIsNeverIdleAsAWholeButAnEmptyPartitionIsOnceAnotherHasEvents() {
    ReaderFirstEvents reader = new ReaderFirstEvents();
    var empty = new SilenceAwareWatermarkGenerator<String>(BOUND, IDLE, clock, clock, reader, true);
    var first = new SilenceAwareWatermarkGenerator<String>(BOUND, IDLE, clock, clock, reader, true);
    RecordingOutput firstOut = new RecordingOutput();
    clock.advance(10 * IDLE); // a quiet start, however long: no partition goes idle
    empty.onPeriodicEmit(out);
    first.onPeriodicEmit(firstOut);
    assertThat(out.idleMarks + firstOut.idleMarks).isZero();
    assertThat(out.watermarks).isEmpty();

    first.onEvent("a", T0, firstOut); // traffic starts: the empty one holds back for a timeout
    empty.onPeriodicEmit(out);
    clock.advance(IDLE - 1);
    empty.onPeriodicEmit(out);
    assertThat(out.idleMarks).isZero();
    clock.advance(1); // then it stops holding the others back
    empty.onPeriodicEmit(out);
    assertThat(out.idleMarks).isEqualTo(1);
    assertThat(out.watermarks).isEmpty();
  }

  @Test
  void trailsTheNewestEventTimeByTheBound() {
    generator.onEvent("a", T0 + 60_000, out);
    generator.onEvent("b", T0 + 10_000, out); // out of order: does not move it back
    generator.onPeriodicEmit(out);

    assertThat(out.watermarks).containsExactly(T0 + 60_000 - BOUND - 1);
    assertThat(out.idleMarks).isZero();
  }

  @Test
  void followsTheWallClockOnceSilentForTheIdleTimeout() {
    generator.onEvent("a", T0, out);
    clock.advance(IDLE - 1);
    generator.onPeriodicEmit(out);
    assertThat(out.last()).isEqualTo(T0 - BOUND - 1);

    clock.advance(1);
    generator.onPeriodicEmit(out);
    assertThat(out.last()).isEqualTo(clock.millis() - BOUND - 1);

    clock.advance(3_600_000); // an hour of outage: event time keeps up with it
    generator.onPeriodicEmit(out);
    assertThat(out.last()).isEqualTo(clock.millis() - BOUND - 1);
    assertThat(out.idleMarks).isZero();
  }

  @Test
  void neverMovesBackWhenEventsResumeBehindTheWallClock() {
    generator.onEvent("a", T0, out);
    clock.advance(IDLE);
    generator.onPeriodicEmit(out);
    long duringSilence = out.last();

    generator.onEvent("b", T0 + 1_000, out); // far behind the wall clock
    generator.onPeriodicEmit(out);

    assertThat(out.watermarks).isSortedAccordingTo(Long::compare);
    assertThat(generator.currentWatermark()).isEqualTo(duringSilence);
  }

  @Test
  void eventsAheadOfTheWallClockKeepTheirOwnWatermarkDuringSilence() {
    long future = clock.millis() + 300_000; // the contract allows 5 minutes of clock skew
    generator.onEvent("a", future, out);
    clock.advance(IDLE);
    generator.onPeriodicEmit(out);

    assertThat(out.last()).isEqualTo(future - BOUND - 1);
  }

  @Test
  void resumesTrailingEventsOnceTheyOvertakeTheWallClockWatermark() {
    generator.onEvent("a", T0, out);
    clock.advance(IDLE);
    generator.onPeriodicEmit(out);

    long live = clock.millis() + 5_000;
    generator.onEvent("b", live, out);
    clock.advance(1_000);
    generator.onPeriodicEmit(out);

    assertThat(out.last()).isEqualTo(live - BOUND - 1);
  }

  @Test
  void aBackPressuredInputIsNotSilent() {
    ManualClock activity = new ManualClock(0);
    var stalled =
        new SilenceAwareWatermarkGenerator<String>(
            BOUND, IDLE, clock, activity, new ReaderFirstEvents(), false);
    stalled.onEvent("a", T0, out);
    clock.advance(10 * IDLE); // the wall clock runs; the activity clock stands while stalled
    stalled.onPeriodicEmit(out);
    assertThat(out.last()).isEqualTo(T0 - BOUND - 1);

    activity.advance(IDLE); // unblocked, and really nothing more to read
    stalled.onPeriodicEmit(out);
    assertThat(out.last()).isEqualTo(clock.millis() - BOUND - 1);
  }

  static final class ManualClock implements WallClock, RelativeClock {
    private long now;

    ManualClock(long now) {
      this.now = now;
    }

    void advance(long millis) {
      now += millis;
    }

    @Override
    public long millis() {
      return now;
    }

    @Override
    public long relativeTimeMillis() {
      return now;
    }

    @Override
    public long relativeTimeNanos() {
      return now * 1_000_000;
    }
  }

  static final class RecordingOutput implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();
    int idleMarks;
    int activeMarks;

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
    }

    @Override
    public void markIdle() {
      idleMarks++;
    }

    @Override
    public void markActive() {
      activeMarks++;
    }

    long last() {
      return watermarks.get(watermarks.size() - 1);
    }
  }
}
