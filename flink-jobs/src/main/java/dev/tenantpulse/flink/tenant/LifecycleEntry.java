package dev.tenantpulse.flink.tenant;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;

/**
 * One signup, plan change or churn of a tenant, as kept in its timeline (state and facts).
 *
 * @param type {@code TENANT_SIGNED_UP}, {@code PLAN_CHANGED} or {@code TENANT_CHURNED}
 * @param timestamp event time in epoch milliseconds
 * @param plan the plan taking effect; null for a churn
 */
public record LifecycleEntry(
    EventType type,
    long timestamp,
    String plan,
    BillingModel billingModel,
    TenancyModel tenancyModel,
    Integer seats) {

  /** The entry of a lifecycle event; throws for activity events. */
  public static LifecycleEntry of(TenantEvent event) {
    if (!event.type().isTenantLifecycle()) {
      throw new IllegalArgumentException("not a lifecycle event: " + event.type());
    }
    return new LifecycleEntry(
        event.type(),
        event.timestamp().toEpochMilli(),
        event.type().carriesPlan() ? event.plan() : null,
        event.billingModel(),
        event.tenancyModel(),
        event.seats());
  }

  /** Whether this entry sets the plan (a signup or plan change). */
  public boolean setsPlan() {
    return type != null && type.carriesPlan();
  }

  public boolean isChurn() {
    return type == EventType.TENANT_CHURNED;
  }

  public boolean isSignup() {
    return type == EventType.TENANT_SIGNED_UP;
  }
}
