package dev.tenantpulse.scenario.generate;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Generates a scenario of tenants using a SaaS product over some weeks: signups over time (many on
 * day 0), plans of the catalog, billing and tenancy models and seats, upgrades and downgrades,
 * churn and re-signups, tenants that never sign up, daily activity with weekday and hour-of-day
 * patterns, feature use by plan (and of a feature outside the catalog), onboarding over minutes to
 * days (or never, and a few completions before the signup), usage in exact quantities, an outage
 * day on which a share of the tenants is silent; then duplicates, disorder and late arrivals.
 *
 * <p>Deterministic: the same config (seed included) always gives the same arrivals.
 */
public final class ScenarioGenerator {

  private ScenarioGenerator() {}

  /** The scenario of {@code config} over the default catalog. */
  public static Scenario generate(ScenarioConfig config) {
    return generate(config, PlanCatalog.defaultCatalog());
  }

  public static Scenario generate(ScenarioConfig config, PlanCatalog catalog) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(catalog, "catalog");
    List<TenantEvent> events = new ArrayList<>();
    for (int tenant = 0; tenant < config.tenants(); tenant++) {
      events.addAll(TenantScript.generate(config, catalog, tenant));
    }
    // Stable sort: equal timestamps keep tenant and generation order, so the result is repeatable.
    events.sort(Comparator.comparing(TenantEvent::timestamp));
    return new Scenario(config, new ArrivalPlanner(config).arrange(events));
  }

  /** The id of tenant {@code index} (0-based) in every scenario. */
  public static String tenantId(int index) {
    return TenantScript.tenantId(index);
  }
}
