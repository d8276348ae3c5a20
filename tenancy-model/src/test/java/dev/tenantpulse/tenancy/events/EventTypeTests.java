package dev.tenantpulse.tenancy.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventTypeTests {

  @Test
  void namesTheSevenContractTypes() {
    assertThat(EventType.wireNames())
        .containsExactly(
            "activity",
            "feature_used",
            "onboarding_step",
            "usage",
            "tenant_signed_up",
            "plan_changed",
            "tenant_churned");
  }

  @Test
  void countsOnlyActivityTypesAsActivity() {
    assertThat(EventType.values())
        .filteredOn(EventType::isActivity)
        .containsExactly(
            EventType.ACTIVITY, EventType.FEATURE_USED, EventType.ONBOARDING_STEP, EventType.USAGE);
    assertThat(EventType.values())
        .filteredOn(EventType::isTenantLifecycle)
        .containsExactly(
            EventType.TENANT_SIGNED_UP, EventType.PLAN_CHANGED, EventType.TENANT_CHURNED);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void findsEveryTypeByItsWireNameOnly(EventType type) {
    assertThat(EventType.fromWire(type.wireName())).contains(type);
    assertThat(EventType.fromWire(type.name())).isEmpty();
  }

  @Test
  void statesTheContractLimits() {
    assertThat(EventLimits.MAX_EVENT_BYTES).isEqualTo(32_768);
    assertThat(EventLimits.MAX_EVENTS_PER_REQUEST).isEqualTo(500);
    assertThat(EventLimits.MAX_REQUEST_BYTES).isEqualTo(1_048_576);
    assertThat(EventLimits.MAX_FUTURE_SKEW).isEqualTo(Duration.ofMinutes(5));
    assertThat(EventLimits.IDEMPOTENCY_HORIZON).isEqualTo(Duration.ofDays(7));
  }
}
