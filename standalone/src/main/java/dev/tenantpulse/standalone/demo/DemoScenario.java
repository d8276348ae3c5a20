package dev.tenantpulse.standalone.demo;

import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo's traffic: the scenario generator's tenants (signups, plans, churn, features,
 * onboarding, usage, duplicates, disorder, a few late events) over three weeks, moved in time so
 * they end now, with the outage on the last day: for the last 24 hours a third of the tenants are
 * silent, so the newest closed hour shows active tenants well below their weekly average. Three
 * weeks, not the eight days the weekly average needs: the generator's tenants keep signing up in
 * the first days, and a base still growing would hide the drop.
 *
 * @param events the arrivals in the order they are sent
 * @param stillActive tenants with activity in the last 24 hours (the live trickle goes on for them)
 */
record DemoScenario(List<ScenarioEvent> events, List<String> stillActive, Instant end) {

  static final long SEED = 20_261_127L;
  static final int TENANTS = 120;
  static final int DAYS = 21;

  /** The scenario, shifted so that it ends at {@code now} (to the minute). */
  static DemoScenario endingAt(Instant now) {
    ScenarioConfig config =
        new ScenarioConfig(
            SEED,
            TENANTS,
            DAYS,
            ScenarioConfig.DEFAULT_START,
            DAYS - 1,
            0.35,
            ScenarioConfig.DEFAULT_DUPLICATE_RATE,
            4,
            ScenarioConfig.DEFAULT_MAX_DISORDER,
            6.0);
    Scenario scenario = ScenarioGenerator.generate(config);
    Instant end = now.truncatedTo(ChronoUnit.MINUTES);
    Duration shift = Duration.between(config.end(), end);
    List<ScenarioEvent> shifted = new ArrayList<>(scenario.arrivals().size());
    Set<String> active = new TreeSet<>();
    Instant lastDay = end.minus(Duration.ofDays(1));
    for (ScenarioEvent arrival : scenario.arrivals()) {
      ScenarioEvent moved = arrival.shiftedBy(shift);
      TenantEvent event = moved.event();
      if (event.timestamp().isAfter(end)) {
        continue; // never ahead of the clock: the collector refuses the future
      }
      shifted.add(moved);
      if (!event.timestamp().isBefore(lastDay) && event.type().isActivity()) {
        active.add(event.tenantId());
      }
    }
    return new DemoScenario(shifted, List.copyOf(active), end);
  }
}
