package dev.tenantpulse.flink.tenant;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A tenant's signups, plan changes and churns in event-time order, answering "plan at T" and
 * "churned at T" as docs/metric-semantics.md defines them.
 *
 * <p>Arrival order does not matter: entries are kept sorted by timestamp, so an event within the
 * lateness that arrives after a newer one still lands in its place. Entries with equal timestamps
 * keep their arrival order (the later arrival counts as the later event).
 *
 * <p>Not thread-safe; small (a tenant has a handful of lifecycle events), so lookups scan.
 */
public final class TenantTimeline {

  private static final Comparator<LifecycleEntry> BY_TIME =
      Comparator.comparingLong(LifecycleEntry::timestamp);

  private final List<LifecycleEntry> entries;

  private TenantTimeline(List<LifecycleEntry> sorted) {
    this.entries = sorted;
  }

  public static TenantTimeline empty() {
    return new TenantTimeline(new ArrayList<>(4));
  }

  /** A timeline of {@code entries} in any order (equal timestamps keep their relative order). */
  public static TenantTimeline of(Iterable<LifecycleEntry> entries) {
    List<LifecycleEntry> list = new ArrayList<>();
    entries.forEach(list::add);
    list.sort(BY_TIME); // stable
    return new TenantTimeline(list);
  }

  /** Adds an entry after every entry with the same or an earlier timestamp. */
  public void add(LifecycleEntry entry) {
    int i = entries.size();
    while (i > 0 && entries.get(i - 1).timestamp() > entry.timestamp()) {
      i--;
    }
    entries.add(i, entry);
  }

  /** The entries in event-time order (a copy). */
  public List<LifecycleEntry> entries() {
    return List.copyOf(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * The plan of the latest signup or plan change with timestamp strictly before {@code t}, or
   * {@link PlanCatalog#UNKNOWN_PLAN} when there is none.
   */
  public String planAt(long t) {
    LifecycleEntry latest = latestBefore(t, true);
    return latest == null ? PlanCatalog.UNKNOWN_PLAN : latest.plan();
  }

  /**
   * Whether the tenant is churned at {@code t}: its latest churn before {@code t} is strictly later
   * than its latest signup or plan change before {@code t}.
   */
  public boolean churnedAt(long t) {
    LifecycleEntry churn = latestBefore(t, false);
    if (churn == null) {
      return false;
    }
    LifecycleEntry plan = latestBefore(t, true);
    return plan == null || churn.timestamp() > plan.timestamp();
  }

  /**
   * The plan the tenant counts under at {@code t} for "plan_tenants": its plan at {@code t}, or
   * null when it is churned then or has no plan.
   */
  public String livePlanAt(long t) {
    LifecycleEntry plan = latestBefore(t, true);
    if (plan == null) {
      return null;
    }
    LifecycleEntry churn = latestBefore(t, false);
    return churn != null && churn.timestamp() > plan.timestamp() ? null : plan.plan();
  }

  private LifecycleEntry latestBefore(long t, boolean setsPlan) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      LifecycleEntry e = entries.get(i);
      if (e.timestamp() < t && (setsPlan ? e.setsPlan() : e.isChurn())) {
        return e;
      }
    }
    return null;
  }

  /**
   * Drops entries before {@code horizon} that can no longer decide an answer for a time at or after
   * it: the latest plan-setting and the latest churn entry before it are kept.
   */
  public void compactBefore(long horizon) {
    LifecycleEntry plan = latestBefore(horizon, true);
    LifecycleEntry churn = latestBefore(horizon, false);
    entries.removeIf(e -> e.timestamp() < horizon && e != plan && e != churn);
  }

  /** The tenant's state after all its events, as the {@code tenants} table holds it. */
  public TenantRow currentRow(String tenantId, long version) {
    LifecycleEntry latestPlan = latestBefore(Long.MAX_VALUE, true);
    LifecycleEntry latestChurn = latestBefore(Long.MAX_VALUE, false);
    Long signedUpAt = null;
    String billing = null;
    String tenancy = null;
    Integer seats = null;
    for (LifecycleEntry e : entries) {
      if (e.isSignup() && signedUpAt == null) {
        signedUpAt = e.timestamp();
      }
      // "NULL when never sent": the latest value any signup or plan change carried.
      if (e.setsPlan()) {
        billing = e.billingModel() == null ? billing : e.billingModel().wireName();
        tenancy = e.tenancyModel() == null ? tenancy : e.tenancyModel().wireName();
        seats = e.seats() == null ? seats : e.seats();
      }
    }
    Long churnedAt =
        latestChurn != null
                && (latestPlan == null || latestChurn.timestamp() > latestPlan.timestamp())
            ? latestChurn.timestamp()
            : null;
    return new TenantRow(
        tenantId,
        latestPlan == null ? PlanCatalog.UNKNOWN_PLAN : latestPlan.plan(),
        billing,
        tenancy,
        seats,
        instant(signedUpAt),
        latestPlan == null ? null : Instant.ofEpochMilli(latestPlan.timestamp()),
        instant(churnedAt),
        Instant.ofEpochMilli(version),
        version);
  }

  private static Instant instant(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }
}
