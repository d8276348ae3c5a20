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
