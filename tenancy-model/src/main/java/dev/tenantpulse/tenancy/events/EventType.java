package dev.tenantpulse.tenancy.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The seven event types of the native API, with their wire names. */
public enum EventType {
  ACTIVITY("activity"),
  FEATURE_USED("feature_used"),
  ONBOARDING_STEP("onboarding_step"),
  USAGE("usage"),
  TENANT_SIGNED_UP("tenant_signed_up"),
  PLAN_CHANGED("plan_changed"),
  TENANT_CHURNED("tenant_churned");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * Whether the event shows the tenant using the product: these count towards active tenants.
   * Lifecycle events do not, since a signup or churn is not use.
   */
  public boolean isActivity() {
    return switch (this) {
      case ACTIVITY, FEATURE_USED, ONBOARDING_STEP, USAGE -> true;
      case TENANT_SIGNED_UP, PLAN_CHANGED, TENANT_CHURNED -> false;
    };
  }

  /** Whether the event changes the tenant's plan or status (signup, plan change, churn). */
  public boolean isTenantLifecycle() {
    return !isActivity();
  }

  /** Whether the event must carry a {@code plan}. */
  public boolean carriesPlan() {
    return this == TENANT_SIGNED_UP || this == PLAN_CHANGED;
  }

  /** The type with this wire name; exact, case-sensitive match. */
  public static Optional<EventType> fromWire(String wireName) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
  }

  /** Every wire name in declaration order, for error messages. */
  public static List<String> wireNames() {
    return Arrays.stream(values()).map(EventType::wireName).toList();
  }
}
