package dev.tenantpulse.flink.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import dev.tenantpulse.tenancy.events.EventType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantTimelineTests {

  static LifecycleEntry signup(long at, String plan) {
    return new LifecycleEntry(EventType.TENANT_SIGNED_UP, at, plan, null, null, null);
  }

  static LifecycleEntry change(long at, String plan) {
    return new LifecycleEntry(EventType.PLAN_CHANGED, at, plan, null, null, null);
  }

  static LifecycleEntry churn(long at) {
    return new LifecycleEntry(EventType.TENANT_CHURNED, at, null, null, null, null);
  }

  @Test
  void planAtIsTheLatestPlanStrictlyBeforeT() {
    TenantTimeline t = TenantTimeline.of(List.of(change(200, "pro"), signup(100, "starter")));
    assertThat(t.planAt(100)).isEqualTo("unknown");
    assertThat(t.planAt(101)).isEqualTo("starter");
    assertThat(t.planAt(200)).isEqualTo("starter");
    assertThat(t.planAt(201)).isEqualTo("pro");
  }

  @Test
  void churnedAtNeedsAChurnLaterThanTheLatestPlanAndBeforeT() {
    TenantTimeline t = TenantTimeline.of(List.of(signup(100, "starter"), churn(300)));
    assertThat(t.churnedAt(300)).isFalse();
    assertThat(t.churnedAt(301)).isTrue();
    assertThat(t.livePlanAt(301)).isNull();
    t.add(change(400, "pro")); // a plan change after churn revives the tenant
    assertThat(t.churnedAt(401)).isFalse();
    assertThat(t.livePlanAt(401)).isEqualTo("pro");
    t.add(churn(400)); // same instant as the plan change: not later, so not churned
    assertThat(t.churnedAt(401)).isFalse();
  }

  @Test
  void aLateEarlierEntryLandsInItsPlace() {
    TenantTimeline t = TenantTimeline.empty();
    t.add(change(500, "pro"));
    t.add(signup(100, "starter"));
    assertThat(t.entries()).extracting(LifecycleEntry::timestamp).containsExactly(100L, 500L);
    assertThat(t.planAt(300)).isEqualTo("starter");
  }

  @Test
  void compactionKeepsEveryAnswerAtOrAfterTheHorizon() {
    TenantTimeline t =
        TenantTimeline.of(
            List.of(signup(100, "a"), change(200, "b"), churn(250), change(300, "c"), churn(900)));
    t.compactBefore(260);
    assertThat(t.entries())
        .extracting(LifecycleEntry::timestamp)
        .containsExactly(200L, 250L, 300L, 900L);
    assertThat(t.churnedAt(261)).isTrue();
    assertThat(t.planAt(301)).isEqualTo("c");
    assertThat(t.churnedAt(901)).isTrue();
  }

  @Test
  void theCurrentRowHoldsTheStateAfterAllEvents() {
    TenantTimeline t =
        TenantTimeline.of(
            List.of(
                new LifecycleEntry(
                    EventType.TENANT_SIGNED_UP,
                    100,
                    "starter",
                    BillingModel.FLAT,
                    TenancyModel.POOL,
                    5),
                new LifecycleEntry(
                    EventType.PLAN_CHANGED, 200, "pro", BillingModel.PER_SEAT, null, null),
                churn(300)));
    TenantRow row = t.currentRow("acme", 42);
    assertThat(row.plan()).isEqualTo("pro");
    assertThat(row.billingModel()).isEqualTo("per_seat");
    assertThat(row.tenancyModel()).isEqualTo("pool");
    assertThat(row.seats()).isEqualTo(5);
    assertThat(row.signedUpAt()).isEqualTo(Instant.ofEpochMilli(100));
    assertThat(row.planChangedAt()).isEqualTo(Instant.ofEpochMilli(200));
    assertThat(row.churnedAt()).isEqualTo(Instant.ofEpochMilli(300));
    assertThat(row.version()).isEqualTo(42);

    TenantRow none = TenantTimeline.empty().currentRow("b", 1);
    assertThat(none.plan()).isEqualTo("unknown");
    assertThat(none.signedUpAt()).isNull();
    assertThat(none.churnedAt()).isNull();
  }
}
