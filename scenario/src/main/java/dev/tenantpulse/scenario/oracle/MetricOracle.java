package dev.tenantpulse.scenario.oracle;

import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The expected rows of every table, computed from the arrivals with plain loops, by the letter of
 * DESIGN.md and docs/metric-semantics.md. Shares no code with the Flink jobs: the two agreeing is
 * the evidence that both are right.
 *
 * <p>Arrivals are read in the order given (the order they reach the collector): the first copy of a
 * (tenant_id, id) is the event; an event whose timestamp is more than the lateness behind the
 * newest event time seen before it is late, kept in {@code events} and, unless {@link
 * OracleOptions#countLate()}, left out of every metric. The input is bounded: the last emitted hour
 * is the hour after the newest counted event.
 */
public final class MetricOracle {

  private MetricOracle() {}

  /** The expected rows for {@code arrivals} in arrival order. */
  public static ExpectedMetrics compute(List<ScenarioEvent> arrivals, OracleOptions options) {
    List<TenantEvent> events = new ArrayList<>(arrivals.size());
    List<Instant> receivedAt = new ArrayList<>(arrivals.size());
    for (ScenarioEvent arrival : arrivals) {
      events.add(arrival.event());
      receivedAt.add(arrival.receivedAt());
    }
    return compute(events, receivedAt, options);
  }

  /** The expected rows for a generated scenario's arrivals. */
  public static ExpectedMetrics compute(Scenario scenario, OracleOptions options) {
    return compute(scenario.arrivals(), options);
  }

  /** As {@link #compute(List, OracleOptions)} for bare events (no receive times). */
  public static ExpectedMetrics computeEvents(List<TenantEvent> events, OracleOptions options) {
    return compute(events, null, options);
  }

  private static ExpectedMetrics compute(
      List<TenantEvent> events, List<Instant> receivedAt, OracleOptions options) {
    ArrivalClassifier.Classified classified =
        ArrivalClassifier.classify(events, receivedAt, options);
    List<TenantEvent> counted = classified.counted();
    PlanCatalog catalog = options.catalog();

    Map<String, TenantHistory> histories = new HashMap<>();
    Set<String> plans = new LinkedHashSet<>(catalog.planIds());
    plans.add(PlanCatalog.UNKNOWN_PLAN);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (TenantEvent e : counted) {
      long ts = e.timestamp().toEpochMilli();
      min = Math.min(min, ts);
      max = Math.max(max, ts);
      histories.computeIfAbsent(e.tenantId(), TenantHistory::new).add(e);
      if (e.type().carriesPlan()) {
        plans.add(e.plan()); // a plan the catalog lacks still gets its rows
      }
    }
    histories.values().forEach(TenantHistory::seal);
    List<ExpectedTenant> tenants =
        histories.values().stream().map(TenantHistory::finalState).toList();

    List<ExpectedActiveHour> hours = List.of();
    List<ExpectedActiveHourByPlan> hoursByPlan = List.of();
    List<ExpectedFeatureAdoption> adoption = List.of();
    if (!counted.isEmpty()) {
      long firstHour = Math.floorDiv(min, ActiveTenantsOracle.HOUR) + 1;
      long lastHour = Math.floorDiv(max, ActiveTenantsOracle.HOUR) + 1;
      ActiveTenantsOracle.Result active =
          ActiveTenantsOracle.compute(counted, histories, List.copyOf(plans), firstHour, lastHour);
      hours = active.total();
      hoursByPlan = active.byPlan();
      // Day D is closed once D + 1d <= the last emitted hour.
      long firstDay = Math.floorDiv(min, FeatureAdoptionOracle.DAY);
      long lastDay =
          Math.floorDiv(lastHour * ActiveTenantsOracle.HOUR, FeatureAdoptionOracle.DAY) - 1;
      adoption = FeatureAdoptionOracle.compute(counted, histories, catalog, firstDay, lastDay);
    }
    OnboardingOracle.Result onboarding = OnboardingOracle.compute(counted, catalog);
    List<ExpectedUsageDay> usageDays = UsageOracle.compute(counted);
    return new ExpectedMetrics(
        classified.rows(),
        tenants,
        hours,
        hoursByPlan,
        adoption,
        onboarding.tenants(),
        onboarding.cohorts(),
        usageDays,
        UsageOracle.months(counted),
        UsageOracle.byPlan(usageDays, histories),
        UsageOracle.hours(counted),
        classified.duplicates(),
        classified.lateEvents());
  }
}
