package dev.tenantpulse.collector.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.EventValidator;
import dev.tenantpulse.tenancy.events.ValidationResult;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BatchTemplatesTests {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void everyGeneratedEventIsValidAndIdsNeverRepeat() {
    BatchTemplates templates = new BatchTemplates(42, 100, 1000, 8, NOW);
    EventValidator validator = new EventValidator(PlanCatalog.defaultCatalog());
    Set<String> ids = new HashSet<>();
    Set<String> tenants = new HashSet<>();
    Map<EventType, Integer> types = new EnumMap<>(EventType.class);
    for (long request = 0; request < 20; request++) {
      JsonNode events = EventCodec.jsonMapper().readTree(templates.render(request)).get("events");
      assertThat(events).hasSize(100);
      for (JsonNode raw : events) {
        ValidationResult result = validator.validate(raw, NOW);
        assertThat(result.problems()).as("%s", raw).isEmpty();
        assertThat(ids.add(result.event().id())).as("unique id %s", result.event().id()).isTrue();
        tenants.add(result.event().tenantId());
        types.merge(result.event().type(), 1, Integer::sum);
      }
    }
    assertThat(types.keySet())
        .containsExactlyInAnyOrder(
            EventType.ACTIVITY, EventType.FEATURE_USED, EventType.USAGE, EventType.ONBOARDING_STEP);
    assertThat(tenants.size()).isGreaterThan(500);
    assertThat(templates.meanEventBytes()).isBetween(220.0, 280.0);
  }

  @Test
  void theSameSeedGivesTheSameBodies() {
    BatchTemplates a = new BatchTemplates(7, 50, 100, 4, NOW);
    BatchTemplates b = new BatchTemplates(7, 50, 100, 4, NOW);
    BatchTemplates other = new BatchTemplates(8, 50, 100, 4, NOW);
    assertThat(a.render(123)).isEqualTo(b.render(123));
    assertThat(a.render(123)).isNotEqualTo(other.render(123));
  }

  @Test
  void findsTheAcceptedCountOfAnAnswer() {
    byte[] body = "{\"accepted\":97,\"rejected\":[]}".getBytes();
    assertThat(Transport.acceptedCount(body, body.length)).isEqualTo(97);
    assertThat(Transport.acceptedCount(body, 5)).isZero();
  }

  @Test
  void percentilesAreNearestRank() {
    Latencies latencies = new Latencies();
    for (int ms = 1; ms <= 100; ms++) {
      latencies.record(ms * 1_000_000L);
    }
    int[] sorted = Latencies.mergeSorted(java.util.List.of(latencies));
    assertThat(Latencies.percentileMillis(sorted, 0.50)).isEqualTo(50.0);
    assertThat(Latencies.percentileMillis(sorted, 0.99)).isEqualTo(99.0);
    assertThat(Latencies.percentileMillis(sorted, 1.0)).isEqualTo(100.0);
  }
}
