package dev.tenantpulse.scenario.oracle;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The counted signups, plan changes and churns of one tenant, sorted by timestamp (equal
 * timestamps: arrival order), to answer "plan at T" and "churned at T" by the letter of the
 * definitions: only events strictly before T count.
 */
final class TenantHistory {

  private final String tenantId;

  /** Signups and plan changes, by timestamp. */
  private final List<TenantEvent> planEvents = new ArrayList<>();

  /** Churns, by timestamp. */
  private final List<TenantEvent> churns = new ArrayList<>();

  TenantHistory(String tenantId) {
    this.tenantId = tenantId;
  }

  void add(TenantEvent event) {
    if (event.type().carriesPlan()) {
      planEvents.add(event);
    } else if (event.type() == EventType.TENANT_CHURNED) {
      churns.add(event);
    }
  }

  /** Sorts once all events are in; the sort is stable, so ties stay in arrival order. */
  void seal() {
    planEvents.sort(Comparator.comparing(TenantEvent::timestamp));
    churns.sort(Comparator.comparing(TenantEvent::timestamp));
  }

  String tenantId() {
    return tenantId;
  }

  /** The latest plan event strictly before {@code millis}, null when none. */
  private TenantEvent lastPlanEventBefore(long millis) {
    return lastBefore(planEvents, millis);
  }

  private static TenantEvent lastBefore(List<TenantEvent> sorted, long millis) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).timestamp().toEpochMilli() < millis) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? null : sorted.get(lo - 1);
  }

  /** The plan at {@code millis}: of the latest signup or plan change before it, else unknown. */
  String planAt(long millis) {
    TenantEvent last = lastPlanEventBefore(millis);
    return last == null ? PlanCatalog.UNKNOWN_PLAN : last.plan();
  }

  /** Whether its latest churn before {@code millis} is later than its latest plan event then. */
  boolean churnedAt(long millis) {
    TenantEvent churn = lastBefore(churns, millis);
    if (churn == null) {
      return false;
    }
    TenantEvent plan = lastPlanEventBefore(millis);
    return plan == null || churn.timestamp().isAfter(plan.timestamp());
  }

  /** The state after every event: the row of {@code tenants}. */
  ExpectedTenant finalState() {
    TenantEvent last = planEvents.isEmpty() ? null : planEvents.get(planEvents.size() - 1);
    TenantEvent churn = churns.isEmpty() ? null : churns.get(churns.size() - 1);
    Instant churnedAt =
        churn != null && (last == null || churn.timestamp().isAfter(last.timestamp()))
            ? churn.timestamp()
            : null;
    String billing = null;
    String tenancy = null;
    Integer seats = null;
    Instant signedUpAt = null;
    for (TenantEvent e : planEvents) {
      if (e.billingModel() != null) {
        billing = e.billingModel().wireName();
      }
      if (e.tenancyModel() != null) {
        tenancy = e.tenancyModel().wireName();
      }
      if (e.seats() != null) {
        seats = e.seats();
      }
      if (signedUpAt == null && e.type() == EventType.TENANT_SIGNED_UP) {
        signedUpAt = e.timestamp();
      }
    }
    return new ExpectedTenant(
        tenantId,
        last == null ? PlanCatalog.UNKNOWN_PLAN : last.plan(),
        billing,
        tenancy,
        seats,
        signedUpAt,
        last == null ? null : last.timestamp(),
        churnedAt);
  }
}
