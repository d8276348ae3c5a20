package dev.tenantpulse.scenario.generate;

import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Everything one tenant sends over the scenario, in the order generated (not time order): its
 * lifecycle, daily activity with weekday and hour-of-day patterns, feature use by plan, usage and
 * onboarding. Depends only on the config, the catalog and the tenant's index.
 */
final class TenantScript {

  private static final long SECOND = 1_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  /** A feature outside the catalog that some tenants try (reported with in_catalog = 0). */
  static final String BETA_FEATURE = "beta_dashboards";

  /** A meter no plan prices, next to the catalog's meters. */
  static final String EXTRA_METER = "storage_gb";

  /** Relative weight of each UTC hour of day: busy working hours, quiet nights. */
  private static final double[] HOUR_WEIGHTS = {
    0.3, 0.3, 0.3, 0.3, 0.4, 0.6, 1.0, 1.6, 2.6, 3.0, 3.0, 3.0, 2.6, 3.0, 3.0, 3.0, 2.8, 2.4, 1.8,
    1.4, 1.0, 0.8, 0.5, 0.4
  };

  private static final double[] HOUR_CUMULATIVE = cumulative(HOUR_WEIGHTS);

  private final ScenarioConfig config;
  private final PlanCatalog catalog;
  private final int index;
  private final SplittableRandom random;
  private final TenantEvents out;

  private TenantScript(ScenarioConfig config, PlanCatalog catalog, int index) {
    this.config = config;
    this.catalog = catalog;
    this.index = index;
    this.random = Seeds.tenant(config.seed(), index);
    this.out = new TenantEvents(tenantId(index), random, 1 + random.nextInt(25));
  }

  static String tenantId(int index) {
    return String.format(Locale.ROOT, "tenant-%05d", index);
  }

  /** The events of tenant {@code index}. */
  static List<TenantEvent> generate(ScenarioConfig config, PlanCatalog catalog, int index) {
    TenantScript script = new TenantScript(config, catalog, index);
    script.run();
    return script.out.events();
  }

  /** A few tenants never sign up: their activity counts under plan {@code unknown}. */
  static boolean neverSignsUp(int index) {
    return index % 50 == 7;
  }

  /** A few tenants report completing onboarding before they signed up (a data error). */
  private static boolean completesBeforeSignup(int index) {
    return index % 40 == 13;
  }

  private void run() {
    long start = config.start().toEpochMilli();
    long end = config.end().toEpochMilli();
    TenantLifecycle lifecycle;
    if (neverSignsUp(index)) {
      long first = start + random.nextInt(Math.max(1, config.days() / 2)) * DAY;
      lifecycle = TenantLifecycle.withoutSignup(first + random.nextLong(12 * HOUR), end);
    } else {
      long signup;
      boolean errorTenant = completesBeforeSignup(index) && config.days() > 2;
      if (!errorTenant && random.nextDouble() < 0.45) {
        signup = start + random.nextLong(10 * MINUTE, 20 * HOUR);
      } else {
        signup = start + random.nextInt(1, Math.max(2, config.days() - 1)) * DAY + timeOfDay();
      }
      lifecycle = TenantLifecycle.signedUp(signup, end, catalog, random, out);
      new OnboardingScript(catalog, random, out).run(signup, end, errorTenant);
    }
    new ActivityScript(config, catalog, random, out, lifecycle).run();
  }

  /** A time of day (millis) following {@link #HOUR_WEIGHTS}. */
  long timeOfDay() {
    return timeOfDay(random);
  }

  static long timeOfDay(SplittableRandom random) {
    double pick = random.nextDouble() * HOUR_CUMULATIVE[HOUR_CUMULATIVE.length - 1];
    int hour = 0;
    while (hour < 23 && pick >= HOUR_CUMULATIVE[hour]) {
      hour++;
    }
    return hour * HOUR + random.nextLong(HOUR);
  }

  private static double[] cumulative(double[] weights) {
    double[] sums = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      sums[i] = sum;
    }
    return sums;
  }

  static boolean isWeekend(long dayStartMillis) {
    DayOfWeek day = Instant.ofEpochMilli(dayStartMillis).atZone(ZoneOffset.UTC).getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
  }

  /** The share of a plan's tenants that use a catalog feature, by its catalog position. */
  static double adoptionRate(int featureIndex) {
    return Math.max(0.15, 0.7 - 0.045 * featureIndex);
  }

  static boolean planHas(PlanCatalog catalog, String plan, String feature) {
    return plan != null && catalog.plan(plan).map((Plan p) -> p.hasFeature(feature)).orElse(false);
  }
}
