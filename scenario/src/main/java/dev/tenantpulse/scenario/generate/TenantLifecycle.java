package dev.tenantpulse.scenario.generate;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import dev.tenantpulse.tenancy.events.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The signup, plan changes, churn and re-signup of one tenant, and what follows from them for the
 * generator: the plan at an instant and the spans in which the tenant uses the product.
 *
 * <p>Lifecycle events of a tenant are at least an hour apart, so no two share a timestamp.
 */
final class TenantLifecycle {

  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private final List<Long> planTimes = new ArrayList<>();
  private final List<String> plans = new ArrayList<>();

  /** Spans [from, to) in which the tenant is a customer and may be active. */
  private final List<long[]> spans = new ArrayList<>();

  private Long signupAt;

  /** A tenant that never signs up (plan unknown) and is active from {@code firstActive} on. */
  static TenantLifecycle withoutSignup(long firstActive, long end) {
    TenantLifecycle lifecycle = new TenantLifecycle();
    lifecycle.spans.add(new long[] {firstActive, end});
    return lifecycle;
  }

  /**
   * Signs the tenant up at {@code signup} and draws its later plan changes, churn and re-signup,
   * emitting every lifecycle event before {@code end} through {@code out}.
   */
  static TenantLifecycle signedUp(
      long signup, long end, PlanCatalog catalog, SplittableRandom random, TenantEvents out) {
    TenantLifecycle lifecycle = new TenantLifecycle();
    List<Plan> ladder = catalog.plans();
    int rank = drawPlan(ladder.size(), random);
    lifecycle.signupAt = signup;
    lifecycle.emit(EventType.TENANT_SIGNED_UP, signup, ladder.get(rank), random, out);
    long now = signup;
    int changes = random.nextDouble() < 0.2 ? (random.nextDouble() < 0.25 ? 2 : 1) : 0;
    for (int i = 0; i < changes && ladder.size() > 1; i++) {
      now += random.nextLong(2 * DAY, 20 * DAY) + random.nextLong(HOUR);
      if (now >= end) {
        break;
      }
      boolean upgrade = rank == 0 || (rank < ladder.size() - 1 && random.nextDouble() < 0.7);
      rank += upgrade ? 1 : -1;
      lifecycle.emit(EventType.PLAN_CHANGED, now, ladder.get(rank), random, out);
    }
    if (random.nextDouble() < 0.1) {
      long churn = now + random.nextLong(DAY, 25 * DAY);
      if (churn < end) {
        out.lifecycle(EventType.TENANT_CHURNED, churn, null, null, null, null);
        lifecycle.spans.add(new long[] {signup, churn});
        if (random.nextDouble() < 0.3) {
          long again = churn + random.nextLong(2 * DAY, 8 * DAY);
          if (again < end) {
            rank = drawPlan(ladder.size(), random);
            lifecycle.emit(EventType.TENANT_SIGNED_UP, again, ladder.get(rank), random, out);
            lifecycle.spans.add(new long[] {again, end});
          }
        }
        return lifecycle;
      }
    }
    lifecycle.spans.add(new long[] {signup, end});
    return lifecycle;
  }

  /** Cheaper plans are more common: weight 1/(rank index + 1). */
  private static int drawPlan(int planCount, SplittableRandom random) {
    double total = 0;
    for (int i = 0; i < planCount; i++) {
      total += 1.0 / (i + 1);
    }
    double pick = random.nextDouble() * total;
    for (int i = 0; i < planCount; i++) {
      pick -= 1.0 / (i + 1);
      if (pick < 0) {
        return i;
      }
    }
    return planCount - 1;
  }

  private void emit(EventType type, long at, Plan plan, SplittableRandom random, TenantEvents out) {
    BillingModel[] billing = BillingModel.values();
    TenancyModel[] tenancy = TenancyModel.values();
    int seats = (plan.rank() + 1) * (plan.rank() + 1) * random.nextInt(1, 12);
    out.lifecycle(
        type,
        at,
        plan.id(),
        billing[random.nextInt(billing.length)],
        tenancy[random.nextInt(tenancy.length)],
        seats);
    planTimes.add(at);
    plans.add(plan.id());
  }

  /** The first signup, or null for a tenant that never signs up. */
  Long signupAt() {
    return signupAt;
  }

  /** The plan at {@code millis} (the latest signup or change at or before it), null when none. */
  String planAt(long millis) {
    String plan = null;
    for (int i = 0; i < planTimes.size() && planTimes.get(i) <= millis; i++) {
      plan = plans.get(i);
    }
    return plan;
  }

  /** Whether the tenant is a customer at {@code millis}, so that it may use the product. */
  boolean isCustomerAt(long millis) {
    for (long[] span : spans) {
      if (millis >= span[0] && millis < span[1]) {
        return true;
      }
    }
    return false;
  }
}
