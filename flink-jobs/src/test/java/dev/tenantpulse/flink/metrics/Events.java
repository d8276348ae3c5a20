package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Hand-built events for tests; ids are unique per JVM. */
final class Events {

  private static final AtomicLong IDS = new AtomicLong();

  private Events() {}

  static Instant at(String isoInstant) {
    return Instant.parse(isoInstant);
  }

  private static TenantEvent.Builder b(EventType type, String tenant, String time) {
    return TenantEvent.builder(type, "e" + IDS.incrementAndGet(), tenant, at(time));
  }

  static TenantEvent activity(String tenant, String time) {
    return b(EventType.ACTIVITY, tenant, time).build();
  }

  static TenantEvent feature(String tenant, String time, String feature) {
    return b(EventType.FEATURE_USED, tenant, time).feature(feature).build();
  }

  static TenantEvent step(String tenant, String time, String step) {
    return b(EventType.ONBOARDING_STEP, tenant, time).step(step).build();
  }

  static TenantEvent usage(String tenant, String time, String meter, double quantity) {
    return b(EventType.USAGE, tenant, time).meter(meter).quantity(quantity).build();
  }

  static TenantEvent signup(String tenant, String time, String plan) {
    return b(EventType.TENANT_SIGNED_UP, tenant, time).plan(plan).build();
  }

  static TenantEvent planChange(String tenant, String time, String plan) {
    return b(EventType.PLAN_CHANGED, tenant, time).plan(plan).build();
  }

  static TenantEvent churn(String tenant, String time) {
    return b(EventType.TENANT_CHURNED, tenant, time).build();
  }
}
