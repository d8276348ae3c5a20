package dev.tenantpulse.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.usage.UsageDayRow;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.rejected.Rejections;
import dev.tenantpulse.flink.testing.TestEvents;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class TenantEventsFunctionTests {

  @Test
  void setsAsideAUsageEventTheDaysSumCannotTakeBeforeItChangesAnything() throws Exception {
    try (var harness = harness()) {
      send(harness, usage("u-1", TestEvents.T0, 1e308));
      send(harness, usage("u-2", TestEvents.T0.plus(Duration.ofHours(1)), 1e308));
      send(harness, usage("u-3", TestEvents.T0.plus(Duration.ofHours(2)), 5));
      harness.processWatermark(TestEvents.T0.plus(Duration.ofDays(1)).toEpochMilli());

      List<RejectedRecord> rejected =
          harness.getSideOutput(Rejections.TAG).stream().map(StreamRecord::getValue).toList();
      assertThat(rejected).hasSize(1);
      RejectedRecord r = rejected.get(0);
      assertThat(r.stage()).isEqualTo(RejectedRecord.METRICS);
      assertThat(r.eventId()).isEqualTo("u-2");
      assertThat(r.tenantId()).isEqualTo("acme");
      assertThat(r.reason())
          .contains("ArithmeticException")
          .contains("usage of meter api_calls on 2026-01-05 would exceed the double range");
      assertThat(r.raw()).contains("\"id\":\"u-2\"").contains("\"quantity\":1.0E308");

      assertThat(harness.getSideOutput(TenantEventsFunction.USAGE))
          .extracting(StreamRecord::getValue)
          .extracting(UsageDayRow::quantity)
          .containsExactly(1e308 + 5);
      assertThat(harness.extractOutputValues())
          .filteredOn(f -> f.kind() == TenantFact.Kind.ACTIVE_HOUR)
          .extracting(TenantFact::time)
          .as("the refused event is no activity either")
          .containsExactly(
              TestEvents.T0.toEpochMilli(), TestEvents.T0.plus(Duration.ofHours(2)).toEpochMilli());
    }
  }

  @Test
  void keepsAnHoursUsageThroughItsLatenessAndDropsItAfterWithoutATimerOfItsOwn() throws Exception {
    Instant hour0 = TestEvents.T0;
    Instant hour1 = TestEvents.T0.plus(Duration.ofHours(1));
    try (var harness = harness()) {
      send(harness, usage("u-1", hour0.plusSeconds(600), 10));
      send(harness, usage("u-2", hour1.plusSeconds(600), 5));
      // Each hour's close, the day's close and clean-up, the month's clean-up: an hour's sums
      // need no clean-up timer (RocksDB writes, reads and deletes each one).
      assertThat(harness.numEventTimeTimers()).isEqualTo(5);

      harness.processWatermark(hour1.plus(Duration.ofHours(1)).toEpochMilli());
      send(harness, usage("u-3", hour0.plusSeconds(1200), 1)); // within the lateness
      // Hour 0's sums may go from +4 h (its end, the lateness and the margin of 1 h each, rounded
      // up to the next whole hour), hour 1's from +5 h. The next timer to reach the hours, hour 4's
      // close at +5 h - 1 ms, drops hour 0 and keeps hour 1.
      send(harness, usage("u-4", hour0.plus(Duration.ofHours(4)).plusSeconds(600), 2));
      harness.processWatermark(hour0.plus(Duration.ofHours(5)).toEpochMilli() - 1);
      send(harness, usage("u-5", hour0.plusSeconds(1800), 3));
      send(harness, usage("u-6", hour1.plusSeconds(1800), 4));

      assertThat(harness.getSideOutput(TenantEventsFunction.USAGE_HOURLY))
          .extracting(StreamRecord::getValue)
          .extracting(r -> r.hour() + " " + r.quantity())
          .as("hour quantity, in the order emitted")
          .containsExactly(
              hour0 + " 10.0",
              hour1 + " 5.0",
              hour0 + " 11.0", // the late event adds to the kept sum
              hour0.plus(Duration.ofHours(4)) + " 2.0",
              hour0 + " 3.0", // past its clean-up: a sum of its own (lateness stops this upstream)
              hour1 + " 9.0");
    }
  }

  private static TenantEvent usage(String id, Instant at, double quantity) {
    return TenantEvent.builder(EventType.USAGE, id, "acme", at)
        .meter("api_calls")
        .quantity(quantity)
        .build();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, TenantEvent, TenantFact> harness()
      throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new TenantEventsFunction(
                    CatalogView.of(PlanCatalog.defaultCatalog()),
                    Duration.ofHours(1).toMillis(),
                    Duration.ofHours(1).toMillis(),
                    EmitRange.ALL)),
            TenantEvent::tenantId,
            Types.STRING);
    harness.open();
    return harness;
  }

  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, TenantEvent, TenantFact> harness,
      TenantEvent e)
      throws Exception {
    harness.processElement(new StreamRecord<>(e, e.timestamp().toEpochMilli()));
  }
}
