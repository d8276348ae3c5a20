package dev.tenantpulse.flink.eventtime;

import dev.tenantpulse.flink.source.ReceivedEvent;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** The watermark strategy of the job's Kafka source: event timestamps, silence-aware generators. */
public final class EventTimeWatermarks {

  private EventTimeWatermarks() {}

  public static WatermarkStrategy<ReceivedEvent> forEvents(EventTimeOptions options) {
    return forEvents(options, WallClock.SYSTEM);
  }

  public static WatermarkStrategy<ReceivedEvent> forEvents(
      EventTimeOptions options, WallClock clock) {
    long bound = options.disorderBound().toMillis();
    long idle = options.idleTimeout().toMillis();
    return WatermarkStrategy.<ReceivedEvent>forGenerator(new PerReader(bound, idle, clock))
        .withTimestampAssigner((event, recordTimestamp) -> event.eventTime());
  }

  /**
   * Creates the generator of each partition a reader is assigned. Every subtask deserializes its
   * own copy of the strategy, so the {@link ReaderFirstEvents} made here is shared by exactly the
   * partitions of one reader.
   */
  private static final class PerReader implements WatermarkGeneratorSupplier<ReceivedEvent> {

    private static final long serialVersionUID = 1L;

    private final long bound;
    private final long idle;
    private final WallClock clock;
    private transient ReaderFirstEvents firstEvents;

    PerReader(long bound, long idle, WallClock clock) {
      this.bound = bound;
      this.idle = idle;
      this.clock = clock;
    }

    @Override
    public synchronized WatermarkGenerator<ReceivedEvent> createWatermarkGenerator(
        Context context) {
      if (firstEvents == null) {
        firstEvents = new ReaderFirstEvents();
      }
      return new SilenceAwareWatermarkGenerator<>(
          bound, idle, clock, context.getInputActivityClock(), firstEvents);
    }
  }
}
