package dev.tenantpulse.flink.eventtime;

import dev.tenantpulse.flink.source.SourceRecord;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The watermark strategy of the job's Kafka source: event timestamps, silence-aware generators.
 * Dead letters the source emits (records it refused) carry their Kafka record timestamp and are not
 * events: the generators never see them, so a refused record cannot move event time.
 */
public final class EventTimeWatermarks {

  private EventTimeWatermarks() {}

  /**
   * @param onlyReader whether the source has one reader (the default): it never goes idle as a
   *     whole ({@link SilenceAwareWatermarkGenerator})
   */
  public static WatermarkStrategy<SourceRecord> forEvents(
      EventTimeOptions options, boolean onlyReader) {
    return forEvents(options, WallClock.SYSTEM, onlyReader);
  }

  public static WatermarkStrategy<SourceRecord> forEvents(
      EventTimeOptions options, WallClock clock, boolean onlyReader) {
    long bound = options.disorderBound().toMillis();
    long idle = options.idleTimeout().toMillis();
    return WatermarkStrategy.<SourceRecord>forGenerator(
            new PerReader(bound, idle, clock, onlyReader))
        .withTimestampAssigner(
            (record, recordTimestamp) ->
                record.isEvent() ? record.event().eventTime() : recordTimestamp);
  }

  /**
   * Creates the generator of each partition a reader is assigned. Every subtask deserializes its
   * own copy of the strategy, so the {@link ReaderFirstEvents} made here is shared by exactly the
   * partitions of one reader.
   */
  private static final class PerReader implements WatermarkGeneratorSupplier<SourceRecord> {

    private static final long serialVersionUID = 1L;

    private final long bound;
    private final long idle;
    private final WallClock clock;
    private final boolean onlyReader;
    private transient ReaderFirstEvents firstEvents;

    PerReader(long bound, long idle, WallClock clock, boolean onlyReader) {
      this.bound = bound;
      this.idle = idle;
      this.clock = clock;
      this.onlyReader = onlyReader;
    }

    @Override
    public synchronized WatermarkGenerator<SourceRecord> createWatermarkGenerator(Context context) {
      if (firstEvents == null) {
        firstEvents = new ReaderFirstEvents();
      }
      return new EventsOnly(
          new SilenceAwareWatermarkGenerator<>(
              bound, idle, clock, context.getInputActivityClock(), firstEvents, onlyReader));
    }
  }

  /** Passes only events to the generator: a dead letter is neither an event nor its time. */
  private static final class EventsOnly implements WatermarkGenerator<SourceRecord> {

    private final WatermarkGenerator<SourceRecord> events;

    EventsOnly(WatermarkGenerator<SourceRecord> events) {
      this.events = events;
    }

    @Override
    public void onEvent(SourceRecord record, long eventTimestamp, WatermarkOutput output) {
      if (record.isEvent()) {
        events.onEvent(record, eventTimestamp, output);
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      events.onPeriodicEmit(output);
    }
  }
}
