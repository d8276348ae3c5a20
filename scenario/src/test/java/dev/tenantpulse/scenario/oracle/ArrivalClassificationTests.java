package dev.tenantpulse.scenario.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalClassificationTests {

  private static final OracleOptions STREAMING = OracleOptions.streaming();

  @Test
  void laterCopiesOfAnIdAreDroppedAndTheFirstCopyWins() {
    HandEvents in = new HandEvents().usage("t1", "2026-01-05T10:00:00Z", "api_calls", 5);
    TenantEvent first = in.list().get(0);
    // Same tenant and id, other payload: still a duplicate, the first copy is the event.
    in.add(first.toBuilder().quantity(500.0).build()).resend(0);
    // Same id under another tenant is another event.
    in.add(first.toBuilder().tenantId("t2").build());

    ExpectedMetrics m = MetricOracle.computeEvents(in.list(), STREAMING);

    assertThat(m.duplicates()).isEqualTo(2);
    assertThat(m.events()).extracting(ExpectedEvent::tenantId).containsExactly("t1", "t2");
    assertThat(m.usageDays())
        .extracting(ExpectedUsageDay::tenantId, ExpectedUsageDay::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("t1", 5.0),
            org.assertj.core.groups.Tuple.tuple("t2", 5.0));
  }

  @Test
  void anEventExactlyTheLatenessBehindIsInTimeAndOneMillisecondMoreIsLate() {
    List<TenantEvent> events =
        new HandEvents()
            .activity("t1", "2026-01-05T12:00:00Z")
            .usage("t2", "2026-01-05T11:00:00Z", "api_calls", 1)
            .usage("t3", "2026-01-05T10:59:59.999Z", "api_calls", 1)
            .list();

    ExpectedMetrics m = MetricOracle.computeEvents(events, STREAMING);

    assertThat(m.events()).extracting(ExpectedEvent::late).containsExactly(false, false, true);
    assertThat(m.lateEvents()).isEqualTo(1);
    assertThat(m.usageDays()).extracting(ExpectedUsageDay::tenantId).containsExactly("t2");
  }

  @Test
  void newestEventTimeIsOnlyWhatArrivedBeforeNotWhatComesLater() {
    // The old event arrives first: nothing newer has been seen yet, so it is in time.
    List<TenantEvent> events =
        new HandEvents()
            .activity("t1", "2026-01-05T08:00:00Z")
            .activity("t2", "2026-01-05T12:00:00Z")
            .list();

    assertThat(MetricOracle.computeEvents(events, STREAMING).lateEvents()).isZero();
  }

  @Test
  void lateEventsStayInEventsButLeaveEveryStreamingMetricAndTenantState() {
    List<TenantEvent> events =
        new HandEvents()
            .activity("t1", "2026-01-05T20:00:00Z")
            .signup("t2", "2026-01-05T10:00:00Z", "starter")
            .activity("t2", "2026-01-05T10:05:00Z")
            .usage("t2", "2026-01-05T10:06:00Z", "api_calls", 7)
            .feature("t2", "2026-01-05T10:07:00Z", "sso")
            .step("t2", "2026-01-05T10:08:00Z", "completed")
            .list();

    ExpectedMetrics m = MetricOracle.computeEvents(events, STREAMING);

    assertThat(m.events()).hasSize(6);
    assertThat(m.events()).filteredOn(ExpectedEvent::late).hasSize(5);
    assertThat(m.lateEvents()).isEqualTo(5);
    assertThat(m.tenants()).extracting(ExpectedTenant::tenantId).containsExactly("t1");
    assertThat(m.usageDays()).isEmpty();
    assertThat(m.onboardingTenants()).isEmpty();
    // Only t1 counts: first hour after its event, and one active tenant.
    assertThat(m.firstWindowEnd()).isEqualTo(HandEvents.at("2026-01-05T21:00:00Z"));
    assertThat(m.lastWindowEnd()).isEqualTo(HandEvents.at("2026-01-05T21:00:00Z"));
    assertThat(m.activeHours()).extracting(ExpectedActiveHour::active24h).containsExactly(1L);
  }

  @Test
  void countLateCountsEveryEventButStillFlagsTheLateOnes() {
    List<TenantEvent> events =
        new HandEvents()
            .activity("t1", "2026-01-05T20:00:00Z")
            .signup("t2", "2026-01-05T10:00:00Z", "starter")
            .usage("t2", "2026-01-05T10:06:00Z", "api_calls", 7)
            .list();

    ExpectedMetrics m = MetricOracle.computeEvents(events, OracleOptions.recompute());

    assertThat(m.lateEvents()).isEqualTo(2);
    assertThat(m.events()).extracting(ExpectedEvent::late).containsExactly(false, true, true);
    assertThat(m.usageDays()).singleElement().extracting(ExpectedUsageDay::quantity).isEqualTo(7.0);
    assertThat(m.tenants()).extracting(ExpectedTenant::plan).containsExactly("unknown", "starter");
    assertThat(m.firstWindowEnd()).isEqualTo(HandEvents.at("2026-01-05T11:00:00Z"));
  }

  @Test
  void latenessIsAnOption() {
    List<TenantEvent> events =
        new HandEvents()
            .activity("t1", "2026-01-05T20:00:00Z")
            .activity("t2", "2026-01-05T19:30:00Z")
            .list();

    assertThat(MetricOracle.computeEvents(events, STREAMING).lateEvents()).isZero();
    assertThat(
            MetricOracle.computeEvents(events, STREAMING.withLateness(Duration.ofMinutes(10)))
                .lateEvents())
        .isEqualTo(1);
  }

  @Test
  void eventRowsCarryEveryColumnWithEmptyPropertiesAsAnEmptyObject() {
    TenantEvent event =
        TenantEvent.builder(
                EventType.ACTIVITY, "a1", "t1", HandEvents.at("2026-01-05T10:00:00.123Z"))
            .userId("u7")
            .build();

    ExpectedEvent row = MetricOracle.computeEvents(List.of(event), STREAMING).events().get(0);

    assertThat(row)
        .isEqualTo(
            new ExpectedEvent(
                "t1",
                "a1",
                "activity",
                HandEvents.at("2026-01-05T10:00:00.123Z"),
                null,
                "u7",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "{}",
                false));
  }
}
