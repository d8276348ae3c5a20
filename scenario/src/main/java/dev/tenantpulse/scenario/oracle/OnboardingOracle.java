package dev.tenantpulse.scenario.oracle;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code onboarding_tenants} and {@code onboarding_cohorts}: per signed-up tenant, the first time
 * of each step and the whole seconds from its first signup to the completion and value steps; per
 * cohort (Monday of the signup week), counts, rates, mean and nearest-rank percentiles over the
 * non-negative times, and the negative ones as data-quality issues.
 */
final class OnboardingOracle {

  private static final long WITHIN_24H_SECONDS = 86_400L;

  record Result(List<ExpectedOnboardingTenant> tenants, List<ExpectedOnboardingCohort> cohorts) {}

  private OnboardingOracle() {}

  static Result compute(List<TenantEvent> counted, PlanCatalog catalog) {
    Map<String, TenantEvent> firstSignup = new HashMap<>();
    Map<String, Map<String, Instant>> firstStep = new HashMap<>();
    for (TenantEvent e : counted) {
      if (e.type() == EventType.TENANT_SIGNED_UP) {
        // Earliest timestamp; on a tie the one that arrived first.
        firstSignup.merge(e.tenantId(), e, (a, b) -> b.timestamp().isBefore(a.timestamp()) ? b : a);
      } else if (e.type() == EventType.ONBOARDING_STEP) {
        firstStep
            .computeIfAbsent(e.tenantId(), t -> new HashMap<>())
            .merge(e.step(), e.timestamp(), (a, b) -> b.isBefore(a) ? b : a);
      }
    }
    TreeMap<String, ExpectedOnboardingTenant> tenants = new TreeMap<>();
    for (TenantEvent signup : firstSignup.values()) {
      Map<String, Instant> steps = firstStep.getOrDefault(signup.tenantId(), Map.of());
      Instant completed = steps.get(catalog.completionStep());
      Instant value = steps.get(catalog.valueStep());
      Long completion = seconds(signup.timestamp(), completed);
      Long toValue = seconds(signup.timestamp(), value);
      tenants.put(
          signup.tenantId(),
          new ExpectedOnboardingTenant(
              signup.tenantId(),
              signup.timestamp(),
              cohortWeek(signup.timestamp()),
              signup.plan(),
              steps,
              completed,
              completion,
              completion != null && completion < 0,
              value,
              toValue,
              toValue != null && toValue < 0));
    }
    TreeMap<LocalDate, List<ExpectedOnboardingTenant>> byCohort = new TreeMap<>();
    tenants
        .values()
        .forEach(t -> byCohort.computeIfAbsent(t.cohortWeek(), w -> new ArrayList<>()).add(t));
    List<ExpectedOnboardingCohort> cohorts = new ArrayList<>();
    byCohort.forEach((week, members) -> cohorts.add(cohort(week, members)));
    return new Result(new ArrayList<>(tenants.values()), cohorts);
  }

  /** Whole seconds rounded down (towards the past, also when negative); null when not reached. */
  static Long seconds(Instant from, Instant to) {
    return to == null ? null : Math.floorDiv(to.toEpochMilli() - from.toEpochMilli(), 1000L);
  }

  static LocalDate cohortWeek(Instant signup) {
    return LocalDate.ofInstant(signup, ZoneOffset.UTC)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static ExpectedOnboardingCohort cohort(
      LocalDate week, List<ExpectedOnboardingTenant> members) {
    Stats completion =
        Stats.of(members.stream().map(ExpectedOnboardingTenant::completionSeconds).toList());
    Stats value =
        Stats.of(members.stream().map(ExpectedOnboardingTenant::firstValueSeconds).toList());
    long signups = members.size();
    return new ExpectedOnboardingCohort(
        week,
        signups,
        completion.reached,
        completion.reached / (double) signups,
        completion.avg(),
        NearestRank.p50(completion.sorted),
        NearestRank.p90(completion.sorted),
        completion.within24h,
        completion.negative,
        value.reached,
        value.reached / (double) signups,
        value.avg(),
        NearestRank.p50(value.sorted),
        NearestRank.p90(value.sorted),
        value.within24h,
        value.negative);
  }

  /** Statistics of one duration column over a cohort; null entries are "not reached". */
  private record Stats(long reached, long negative, long within24h, long[] sorted) {

    static Stats of(List<Long> seconds) {
      long reached = 0;
      long negative = 0;
      long within = 0;
      long[] valid = new long[seconds.size()];
      int n = 0;
      for (Long s : seconds) {
        if (s == null) {
          continue;
        }
        reached++;
        if (s < 0) {
          negative++;
          continue;
        }
        valid[n++] = s;
        if (s <= WITHIN_24H_SECONDS) {
          within++;
        }
      }
      long[] sorted = Arrays.copyOf(valid, n);
      Arrays.sort(sorted);
      return new Stats(reached, negative, within, sorted);
    }

    Double avg() {
      if (sorted.length == 0) {
        return null;
      }
      long sum = 0;
      for (long s : sorted) {
        sum += s;
      }
      return sum / (double) sorted.length;
    }
  }
}
