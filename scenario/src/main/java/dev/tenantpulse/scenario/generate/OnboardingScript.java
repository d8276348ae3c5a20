package dev.tenantpulse.scenario.generate;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The onboarding steps of a signed-up tenant, in funnel order, spread over minutes, hours or days
 * (or stopping before completion), plus the data errors the metrics must survive: a completion
 * before the signup, and steps reported twice.
 */
final class OnboardingScript {

  private static final long SECOND = 1_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private final PlanCatalog catalog;
  private final SplittableRandom random;
  private final TenantEvents out;

  OnboardingScript(PlanCatalog catalog, SplittableRandom random, TenantEvents out) {
    this.catalog = catalog;
    this.random = random;
    this.out = out;
  }

  void run(long signup, long end, boolean completesBeforeSignup) {
    List<String> steps = catalog.onboardingSteps();
    int n = steps.size();
    double profile = random.nextDouble();
    long total;
    int reached = n;
    if (profile < 0.25) {
      total = random.nextLong(5 * MINUTE, 3 * HOUR);
    } else if (profile < 0.55) {
      total = random.nextLong(3 * HOUR, 23 * HOUR);
    } else if (profile < 0.8) {
      total = random.nextLong(26 * HOUR, 12 * DAY);
    } else {
      total = random.nextLong(HOUR, 5 * DAY);
      reached = random.nextInt(1, n);
    }
    double[] fractions = new double[n];
    for (int i = 1; i < n - 1; i++) {
      fractions[i] = random.nextDouble();
    }
    Arrays.sort(fractions, 1, n - 1);
    fractions[n - 1] = 1.0;
    for (int i = 0; i < reached; i++) {
      long at =
          i == 0
              ? signup + random.nextLong(SECOND, MINUTE)
              : signup + (long) (total * fractions[i]);
      String step = steps.get(i);
      if (completesBeforeSignup && step.equals(catalog.completionStep())) {
        at = signup - random.nextLong(MINUTE, 5 * HOUR);
      } else if (completesBeforeSignup
          && step.equals(catalog.valueStep())
          && random.nextBoolean()) {
        at = signup - random.nextLong(MINUTE, 3 * HOUR);
      }
      step(at, end, step);
    }
    if (completesBeforeSignup && random.nextBoolean()) {
      step(signup + total, end, catalog.completionStep());
    }
    if (random.nextDouble() < 0.1) {
      // The same step again, later: only its first timestamp counts.
      int again = random.nextInt(reached);
      step(signup + total + random.nextLong(MINUTE, DAY), end, steps.get(again));
    }
  }

  private void step(long at, long end, String step) {
    if (at < end) {
      out.onboardingStep(at, step);
    }
  }
}
