package dev.tenantpulse.collector.support;

import java.time.OffsetDateTime;

/** Signup and plan-change events of the contract, as JSON object texts. */
public final class PlanEvents {

  private PlanEvents() {}

  public static String signedUp(String id, String tenant, String plan, OffsetDateTime at) {
    return planEvent(id, "tenant_signed_up", tenant, plan, at);
  }

  public static String planChanged(String id, String tenant, String plan, OffsetDateTime at) {
    return planEvent(id, "plan_changed", tenant, plan, at);
  }

  private static String planEvent(
      String id, String type, String tenant, String plan, OffsetDateTime at) {
    return "{\"id\":\"%s\",\"type\":\"%s\",\"tenant_id\":\"%s\",\"plan\":\"%s\",\"timestamp\":\"%s\"}"
        .formatted(id, type, tenant, plan, at);
  }
}
