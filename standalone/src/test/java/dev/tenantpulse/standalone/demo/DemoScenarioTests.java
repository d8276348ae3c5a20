package dev.tenantpulse.standalone.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.scenario.generate.ScenarioEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo's traffic ends now and shows the drop the alert is meant to catch. */
class DemoScenarioTests {

  private static final Instant NOW = Instant.parse("2026-11-27T22:17:43Z");

  private final DemoScenario demo = DemoScenario.endingAt(NOW);

  @Test
  void endsNowAndNeverAheadOfTheClock() {
    assertThat(demo.end()).isEqualTo(Instant.parse("2026-11-27T22:17:00Z"));
    assertThat(demo.events())
        .allSatisfy(e -> assertThat(e.event().timestamp()).isBeforeOrEqualTo(demo.end()));
    assertThat(demo.events().getFirst().event().timestamp())
        .isBefore(demo.end().minus(Duration.ofDays(20)));
  }

  @Test
  void theLastDayHasAtLeastAFifthFewerActiveTenantsThanTheWeekBefore() {
    double lastDay = activeTenants(demo.end().minus(Duration.ofDays(1)), demo.end());
    double weekly = 0;
    for (int k = 1; k <= 7; k++) {
      Instant end = demo.end().minus(Duration.ofDays(k));
      weekly += activeTenants(end.minus(Duration.ofDays(1)), end) / 7.0;
    }

    assertThat(weekly).isGreaterThanOrEqualTo(10); // the rule's minimum baseline
    assertThat(1 - lastDay / weekly).isGreaterThanOrEqualTo(0.20);
    assertThat(demo.stillActive()).hasSize((int) lastDay);
  }

  @Test
  void isTheSameTrafficOnEveryRun() {
    assertThat(DemoScenario.endingAt(NOW).events()).isEqualTo(demo.events());
  }

  private long activeTenants(Instant from, Instant to) {
    Set<String> tenants = new HashSet<>();
    for (ScenarioEvent e : demo.events()) {
      Instant t = e.event().timestamp();
      if (e.event().type().isActivity() && !t.isBefore(from) && t.isBefore(to)) {
        tenants.add(e.event().tenantId());
      }
    }
    return tenants.size();
  }
}
