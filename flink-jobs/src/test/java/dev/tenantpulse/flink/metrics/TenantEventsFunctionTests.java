package dev.tenantpulse.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tenantpulse.flink.metrics.usage.UsageDayRow;
import dev.tenantpulse.flink.metrics.usage.UsagePlanShare;
import dev.tenantpulse.flink.rejected.RejectedRecord;
import dev.tenantpulse.flink.rejected.Rejections;
import dev.tenantpulse.flink.source.TenantErasure;
import dev.tenantpulse.flink.testing.TestEvents;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The per-tenant operator as the streaming job runs it: with erasure notices beside the events. */
class TenantEventsFunctionTests {

  @Test
  void setsAsideAUsageEventTheDaysSumCannotTakeBeforeItChangesAnything() throws Exception {
    try (var harness = harness()) {
      send(harness, usage("u-1", TestEvents.T0, 1e308));
      send(harness, usage("u-2", TestEvents.T0.plus(Duration.ofHours(1)), 1e308));
      send(harness, usage("u-3", TestEvents.T0.plus(Duration.ofHours(2)), 5));
      advance(harness, TestEvents.T0.plus(Duration.ofDays(1)));

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
  void anErasedTenantIsForgottenAndItsLaterEventsCountAsANewTenants() throws Exception {
    try (var harness = harness()) {
      Instant t = TestEvents.T0;
      for (String tenant : List.of("acme", "acme2")) {
        send(harness, signup(tenant + "-s", tenant, t));
        send(harness, usage(tenant + "-u1", tenant, t.plusSeconds(60), 7));
        send(harness, usage(tenant + "-u2", tenant, t.plus(Duration.ofHours(25)), 11));
      }
      advance(harness, t.plus(Duration.ofDays(1)));
      harness.processElement2(
          new StreamRecord<>(
              new TenantErasure("acme", t.plus(Duration.ofHours(26)).toEpochMilli(), 0, 42)));

      assertThat(harness.extractOutputValues())
          .filteredOn(f -> f.kind() == TenantFact.Kind.FORGET)
          .extracting(TenantFact::tenantId)
          .containsExactly("acme");
      assertThat(harness.getSideOutput(TenantEventsFunction.USAGE_SHARES))
          .extracting(StreamRecord::getValue)
          .filteredOn(UsagePlanShare::isWithdrawal)
          .extracting(UsagePlanShare::tenantId, UsagePlanShare::dayStart)
          .as("a withdrawal for each day it still holds")
          .containsExactlyInAnyOrder(
              tuple("acme", t.toEpochMilli()),
              tuple("acme", t.plus(Duration.ofDays(1)).toEpochMilli()));

      harness.getSideOutput(TenantEventsFunction.USAGE).clear();
      send(harness, usage("acme-u3", "acme", t.plus(Duration.ofHours(27)), 100));
      advance(harness, t.plus(Duration.ofDays(2)));
      assertThat(harness.getSideOutput(TenantEventsFunction.USAGE))
          .extracting(StreamRecord::getValue)
          .extracting(UsageDayRow::tenantId, UsageDayRow::quantity)
          .as("the erased day's 11 is gone; acme2 keeps its own")
          .containsExactlyInAnyOrder(tuple("acme", 100.0), tuple("acme2", 11.0));
    }
  }

  @Test
  void anErasedTenantActiveAgainInTheSameHourIsReportedActiveAgain() throws Exception {
    try (var harness = harness()) {
      Instant t = TestEvents.T0.plusSeconds(60);
      send(harness, activity("a-1", "acme", t));
      send(harness, activity("a-2", "acme", t.plusSeconds(60)));
      harness.processElement2(new StreamRecord<>(new TenantErasure("acme", 0, 0, 1)));
      send(harness, activity("a-3", "acme", t.plusSeconds(120)));
      send(harness, activity("a-4", "acme", t.plusSeconds(180)));

      assertThat(harness.extractOutputValues())
          .extracting(TenantFact::kind)
          .as("one active hour, the forget, the same hour again: not remembered from before")
          .containsExactly(
              TenantFact.Kind.ACTIVE_HOUR, TenantFact.Kind.FORGET, TenantFact.Kind.ACTIVE_HOUR);
    }
  }

  @Test
  void anHoursUsageSumsGoTheLatenessAndMarginAfterTheHourAndItsDaysStay() throws Exception {
    try (var harness = harness()) {
      // lateness 1 h, margin 1 h: the hour from T0 may go from T0 + 4 h, its day from T0 + 27 h
      send(harness, usage("u-1", TestEvents.T0.plus(Duration.ofMinutes(30)), 5));
      Instant due = TestEvents.T0.plus(Duration.ofHours(4));

      advance(harness, due.minusMillis(1));
      assertThat(tenantsWith(harness, "usage-hour-sums")).containsExactly("acme");

      advance(harness, due);
      assertThat(tenantsWith(harness, "usage-hour-sums")).isEmpty();
      assertThat(tenantsWith(harness, "usage-sums")).containsExactly("acme");
    }
  }

  @Test
  void theDaysCleanupDropsItsLastHoursSumsToo() throws Exception {
    try (var harness = harness()) {
      // The day's cleanup (T0 + 27 h) is when the hour from T0 + 23 h is due too: one timer, and
      // the daily and hourly sums each drop what is due.
      send(harness, usage("u-1", TestEvents.T0.plus(Duration.ofMinutes(23 * 60 + 30)), 5));

      advance(harness, TestEvents.T0.plus(Duration.ofHours(27)).minusMillis(1));
      assertThat(tenantsWith(harness, "usage-hour-sums")).containsExactly("acme");
      assertThat(tenantsWith(harness, "usage-sums")).containsExactly("acme");

      advance(harness, TestEvents.T0.plus(Duration.ofHours(27)));
      assertThat(tenantsWith(harness, "usage-hour-sums")).isEmpty();
      assertThat(tenantsWith(harness, "usage-sums")).isEmpty();
    }
  }

  private static List<String> tenantsWith(
      KeyedTwoInputStreamOperatorTestHarness<String, TenantEvent, TenantErasure, TenantFact>
          harness,
      String state)
      throws Exception {
    // What a checkpoint would hold: the operator's pending writes reach the state first.
    harness.prepareSnapshotPreBarrier(1);
    KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
    try (Stream<String> keys = backend.getKeys(state, VoidNamespace.INSTANCE)) {
      return keys.toList();
    }
  }

  private static TenantEvent activity(String id, String tenant, Instant at) {
    return TenantEvent.builder(EventType.ACTIVITY, id, tenant, at).build();
  }

  private static TenantEvent signup(String id, String tenant, Instant at) {
    return TenantEvent.builder(EventType.TENANT_SIGNED_UP, id, tenant, at)
        .plan("professional")
        .build();
  }

  private static TenantEvent usage(String id, String tenant, Instant at, double quantity) {
    return TenantEvent.builder(EventType.USAGE, id, tenant, at)
        .meter("api_calls")
        .quantity(quantity)
        .build();
  }

  private static void advance(
      KeyedTwoInputStreamOperatorTestHarness<String, TenantEvent, TenantErasure, TenantFact>
          harness,
      Instant to)
      throws Exception {
    harness.processBothWatermarks(new Watermark(to.toEpochMilli()));
  }

  private static TenantEvent usage(String id, Instant at, double quantity) {
    return TenantEvent.builder(EventType.USAGE, id, "acme", at)
        .meter("api_calls")
        .quantity(quantity)
        .build();
  }

  private static KeyedTwoInputStreamOperatorTestHarness<
          String, TenantEvent, TenantErasure, TenantFact>
      harness() throws Exception {
    var harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new TenantStateOperator(
                new ErasureAwareTenantEvents(
                    new TenantEventsFunction(
                        CatalogView.of(PlanCatalog.defaultCatalog()),
                        Duration.ofHours(1).toMillis(),
                        Duration.ofHours(1).toMillis(),
                        EmitRange.ALL))),
            TenantEvent::tenantId,
            TenantErasure::tenantId,
            Types.STRING);
    harness.open();
    return harness;
  }

  private static void send(
      KeyedTwoInputStreamOperatorTestHarness<String, TenantEvent, TenantErasure, TenantFact>
          harness,
      TenantEvent e)
      throws Exception {
    harness.processElement1(new StreamRecord<>(e, e.timestamp().toEpochMilli()));
  }
}
