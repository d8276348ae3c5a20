package dev.tenantpulse.scenario.generate;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The daily use of one tenant: activity, feature use by plan, usage, with fewer tenants active at
 * weekends, and silence on the outage day for the share of tenants it hits.
 */
final class ActivityScript {

  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  private final ScenarioConfig config;
  private final PlanCatalog catalog;
  private final SplittableRandom random;
  private final TenantEvents out;
  private final TenantLifecycle lifecycle;
  private final List<String> features;
  private final String meter;

  ActivityScript(
      ScenarioConfig config,
      PlanCatalog catalog,
      SplittableRandom random,
      TenantEvents out,
      TenantLifecycle lifecycle) {
    this.config = config;
    this.catalog = catalog;
    this.random = random;
    this.out = out;
    this.lifecycle = lifecycle;
    this.features = catalog.featureIds();
    this.meter = catalog.meters().iterator().next();
  }

  void run() {
    // Drawn once per tenant: how often it is active, how busy, which features it takes to.
    double activeShare = 0.7 + 0.28 * random.nextDouble();
    double intensity = 0.5 + random.nextDouble();
    double[] affinity = new double[features.size()];
    for (int i = 0; i < affinity.length; i++) {
      affinity[i] = random.nextDouble();
    }
    boolean betaTester = random.nextDouble() < 0.08;
    boolean silentInOutage = random.nextDouble() < config.outageShare();
    long start = config.start().toEpochMilli();
    for (int day = 0; day < config.days(); day++) {
      long dayStart = start + day * DAY;
      boolean weekend = TenantScript.isWeekend(dayStart);
      double share = weekend ? activeShare * config.weekendActivity() : activeShare;
      if (random.nextDouble() >= share) {
        continue;
      }
      if (config.hasOutage() && day == config.outageDay() && silentInOutage) {
        continue;
      }
      double mean = config.activityPerDay() * intensity * (weekend ? 0.5 : 1.0);
      int count = 1 + (int) (random.nextDouble() * 2 * Math.max(0, mean - 1) + 0.5);
      for (int i = 0; i < count; i++) {
        long at = dayStart + TenantScript.timeOfDay(random);
        if (lifecycle.isCustomerAt(at)) {
          out.activity(at);
        }
      }
      String plan = lifecycle.planAt(dayStart + 12 * HOUR);
      for (int f = 0; f < affinity.length; f++) {
        String feature = features.get(f);
        boolean adopted =
            plan == null
                ? affinity[f] < 0.1
                : TenantScript.planHas(catalog, plan, feature)
                    && affinity[f] < TenantScript.adoptionRate(f);
        if (adopted && random.nextDouble() < 0.3) {
          emit(dayStart, feature);
        }
      }
      if (random.nextDouble() < 0.03) {
        // Tries a feature whatever the plan (an entitlement denial in the product, still use).
        String any = features.get(random.nextInt(features.size()));
        emit(dayStart, any);
      }
      if (betaTester && day >= config.days() / 3 && random.nextDouble() < 0.35) {
        emit(dayStart, TenantScript.BETA_FEATURE);
      }
      int usage = random.nextDouble() < 0.7 ? 1 + random.nextInt(2) : 0;
      for (int i = 0; i < usage; i++) {
        long at = dayStart + TenantScript.timeOfDay(random);
        if (!lifecycle.isCustomerAt(at)) {
          continue;
        }
        if (random.nextInt(20) == 0) {
          // Quarters are exact in binary: sums stay exact whatever the order.
          out.usage(at, TenantScript.EXTRA_METER, random.nextInt(0, 400) / 4.0);
        } else {
          out.usage(at, meter, random.nextInt(1, 5_000));
        }
      }
    }
  }

  private void emit(long dayStart, String feature) {
    long at = dayStart + TenantScript.timeOfDay(random);
    if (lifecycle.isCustomerAt(at)) {
      out.featureUsed(at, feature);
    }
  }
}
