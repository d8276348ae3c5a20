package dev.tenantpulse.scenario.generate;

import dev.tenantpulse.tenancy.events.TenantEvent;
import java.util.List;
import java.util.Objects;

/**
 * A generated scenario: its config and its arrivals in the order they are sent.
 *
 * @param arrivals every arrival, duplicates and late events included, in arrival order
 */
public record Scenario(ScenarioConfig config, List<ScenarioEvent> arrivals) {

  public Scenario {
    Objects.requireNonNull(config, "config");
    arrivals = List.copyOf(arrivals);
  }

  /** The events in arrival order, duplicates included. */
  public List<TenantEvent> events() {
    return arrivals.stream().map(ScenarioEvent::event).toList();
  }

  public long duplicateCount() {
    return arrivals.stream().filter(ScenarioEvent::duplicate).count();
  }

  public long lateCount() {
    return arrivals.stream().filter(ScenarioEvent::late).count();
  }

  /** How many distinct tenants send anything. */
  public long tenantCount() {
    return arrivals.stream().map(a -> a.event().tenantId()).distinct().count();
  }
}
