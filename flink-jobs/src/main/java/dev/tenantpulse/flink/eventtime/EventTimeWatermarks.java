package dev.tenantpulse.flink.eventtime;

import dev.tenantpulse.flink.source.ReceivedEvent;
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
    return WatermarkStrategy.<ReceivedEvent>forGenerator(
            context -> new SilenceAwareWatermarkGenerator<>(bound, idle, clock))
        .withTimestampAssigner((event, recordTimestamp) -> event.eventTime());
  }
}
