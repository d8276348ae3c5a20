package dev.tenantpulse.scenario.oracle;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built event lists, in arrival order, with generated ids unless one is given. */
final class HandEvents {

  private final List<TenantEvent> events = new ArrayList<>();
  private int next;

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  List<TenantEvent> list() {
    return List.copyOf(events);
  }

  private TenantEvent.Builder builder(EventType type, String tenant, String instant) {
    return TenantEvent.builder(type, "h" + next++, tenant, at(instant));
  }

  HandEvents add(TenantEvent event) {
    events.add(event);
    return this;
  }

  /** The event at {@code index} sent again (same id and payload). */
  HandEvents resend(int index) {
    events.add(events.get(index));
    return this;
  }

  HandEvents activity(String tenant, String instant) {
    return add(builder(EventType.ACTIVITY, tenant, instant).build());
  }

  HandEvents feature(String tenant, String instant, String feature) {
    return add(builder(EventType.FEATURE_USED, tenant, instant).feature(feature).build());
  }

  HandEvents step(String tenant, String instant, String step) {
    return add(builder(EventType.ONBOARDING_STEP, tenant, instant).step(step).build());
  }

  HandEvents usage(String tenant, String instant, String meter, double quantity) {
    return add(builder(EventType.USAGE, tenant, instant).meter(meter).quantity(quantity).build());
  }

  HandEvents signup(String tenant, String instant, String plan) {
    return add(builder(EventType.TENANT_SIGNED_UP, tenant, instant).plan(plan).build());
  }

  HandEvents signup(
      String tenant,
      String instant,
      String plan,
      BillingModel billing,
      TenancyModel tenancy,
      int seats) {
    return add(
        builder(EventType.TENANT_SIGNED_UP, tenant, instant)
            .plan(plan)
            .billingModel(billing)
            .tenancyModel(tenancy)
            .seats(seats)
            .build());
  }

  HandEvents planChange(String tenant, String instant, String plan) {
    return add(builder(EventType.PLAN_CHANGED, tenant, instant).plan(plan).build());
  }

  HandEvents churn(String tenant, String instant) {
    return add(builder(EventType.TENANT_CHURNED, tenant, instant).build());
  }
}
