package dev.tenantpulse.scenario.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.scenario.SmallScenario;
import dev.tenantpulse.scenario.io.ScenarioJsonLines;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.EventValidator;
import dev.tenantpulse.tenancy.events.TenantEvent;
import dev.tenantpulse.tenancy.events.ValidationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTests {

  private static final ScenarioConfig TINY = ScenarioConfig.small(7).withTenants(60).withDays(12);

  private static byte[] bytes(Scenario scenario) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ScenarioJsonLines().write(scenario.arrivals(), out);
    return out.toByteArray();
  }

  @Test
  void theSameConfigGivesByteIdenticalArrivals() throws IOException {
    byte[] again = bytes(ScenarioGenerator.generate(ScenarioConfig.small(SmallScenario.SEED)));

    assertThat(again).isEqualTo(bytes(SmallScenario.get()));
  }

  @Test
  void anotherSeedGivesAnotherScenario() throws IOException {
    assertThat(bytes(ScenarioGenerator.generate(TINY)))
        .isNotEqualTo(bytes(ScenarioGenerator.generate(TINY.withSeed(8))));
  }

  @Test
  void everyArrivalIsValidAtItsReceiveTimeAndSurvivesTheCodec() {
    EventCodec codec = new EventCodec();
    EventValidator validator = new EventValidator(PlanCatalog.defaultCatalog());
    List<String> failures = new ArrayList<>();
    List<ScenarioEvent> arrivals = SmallScenario.get().arrivals();
    for (ScenarioEvent arrival : arrivals) {
      byte[] json = codec.encode(arrival.event());
      ValidationResult result =
          validator.validate(EventCodec.jsonMapper().readTree(json), arrival.receivedAt());
      if (!result.isValid()) {
        failures.add(new String(json) + " " + result.problems());
      } else if (!result.event().equals(arrival.event())
          || !codec.decode(json).equals(arrival.event())) {
        failures.add("changed by the round trip: " + new String(json));
      }
    }
    assertThat(arrivals).hasSizeGreaterThan(40_000);
    assertThat(failures).isEmpty();
  }

  @Test
  void receiveTimesNeverDecreaseAndTimestampsAreWholeMillisecondsInsideTheScenario() {
    Scenario scenario = SmallScenario.get();
    Instant previous = Instant.MIN;
    for (ScenarioEvent arrival : scenario.arrivals()) {
      assertThat(arrival.receivedAt()).isAfterOrEqualTo(previous);
      previous = arrival.receivedAt();
      Instant ts = arrival.event().timestamp();
      assertThat(ts.getNano() % 1_000_000).isZero();
      assertThat(ts).isAfterOrEqualTo(scenario.config().start()).isBefore(scenario.config().end());
      assertThat(arrival.receivedAt()).isAfterOrEqualTo(ts);
    }
  }

  @Test
  void duplicatesAreExactCopiesOfAnEarlierArrivalResentWithinMinutes() {
    List<ScenarioEvent> arrivals = SmallScenario.get().arrivals();
    Map<String, ScenarioEvent> firstById = new HashMap<>();
    int duplicates = 0;
    for (ScenarioEvent arrival : arrivals) {
      String key = arrival.event().tenantId() + "/" + arrival.event().id();
      ScenarioEvent first = firstById.putIfAbsent(key, arrival);
      assertThat(arrival.duplicate()).as(key).isEqualTo(first != null);
      if (first != null) {
        duplicates++;
        assertThat(arrival.event()).isEqualTo(first.event());
        assertThat(Duration.between(first.receivedAt(), arrival.receivedAt()))
            .isPositive()
            .isLessThanOrEqualTo(Duration.ofMinutes(5));
      }
    }
    assertThat(duplicates).isGreaterThanOrEqualTo((int) (0.02 * firstById.size()));
  }

  @Test
  void lateEventsAreAtLeastTwelveHoursBehindAndTheRestAtMostTwentyMinutes() {
    long newest = Long.MIN_VALUE;
    int late = 0;
    long worstInTime = 0;
    for (ScenarioEvent arrival : SmallScenario.get().arrivals()) {
      long ts = arrival.event().timestamp().toEpochMilli();
      long behind = newest == Long.MIN_VALUE ? 0 : newest - ts;
      if (arrival.late()) {
        late++;
        assertThat(Duration.ofMillis(behind)).isGreaterThanOrEqualTo(Duration.ofHours(12));
      } else {
        worstInTime = Math.max(worstInTime, behind);
      }
      newest = Math.max(newest, ts);
    }
    assertThat(late).isGreaterThanOrEqualTo(5);
    assertThat(Duration.ofMillis(worstInTime))
        .isLessThan(Duration.ofMinutes(20))
        .isGreaterThan(Duration.ofMinutes(3)); // disorder is really there
  }

  @Test
  void lifecycleEventsOfATenantNeverShareATimestamp() {
    Map<String, Set<Instant>> seen = new HashMap<>();
    for (ScenarioEvent arrival : SmallScenario.get().arrivals()) {
      TenantEvent e = arrival.event();
      if (e.type().isTenantLifecycle() && !arrival.duplicate()) {
        assertThat(seen.computeIfAbsent(e.tenantId(), t -> new HashSet<>()).add(e.timestamp()))
            .as("%s %s", e.tenantId(), e.timestamp())
            .isTrue();
      }
    }
  }

  @Test
  void theStoryHasSignupsOverTimePlanChangesChurnResignupsAndTenantsWithoutSignup() {
    Scenario scenario = SmallScenario.get();
    Instant dayOne = scenario.config().start().plus(Duration.ofDays(1));
    Map<String, List<TenantEvent>> lifecycle = new HashMap<>();
    Set<String> tenants = new HashSet<>();
    for (ScenarioEvent arrival : scenario.arrivals()) {
      TenantEvent e = arrival.event();
      tenants.add(e.tenantId());
      if (e.type().isTenantLifecycle() && !arrival.duplicate()) {
        lifecycle.computeIfAbsent(e.tenantId(), t -> new ArrayList<>()).add(e);
      }
    }
    List<TenantEvent> all = lifecycle.values().stream().flatMap(List::stream).toList();
    List<TenantEvent> signups = ofType(all, EventType.TENANT_SIGNED_UP);

    assertThat(tenants).hasSize(scenario.config().tenants());
    assertThat(signups).anyMatch(e -> e.timestamp().isBefore(dayOne));
    assertThat(signups.stream().filter(e -> e.timestamp().isAfter(dayOne)).count())
        .isGreaterThan(100);
    assertThat(signups)
        .extracting(TenantEvent::plan)
        .containsAll(PlanCatalog.defaultCatalog().planIds());
    assertThat(signups).allSatisfy(e -> assertThat(e.billingModel()).isNotNull());
    assertThat(ofType(all, EventType.PLAN_CHANGED).size()).isGreaterThan(20);
    assertThat(ofType(all, EventType.TENANT_CHURNED).size()).isGreaterThan(10);
    assertThat(lifecycle.values())
        .anyMatch(events -> ofType(events, EventType.TENANT_SIGNED_UP).size() == 2);
    assertThat(tenants.size() - lifecycle.size()).isBetween(3, 15);
  }

  @Test
  void usageQuantitiesAreQuartersSoSumsAreExact() {
    assertThat(SmallScenario.get().arrivals())
        .map(ScenarioEvent::event)
        .filteredOn(e -> e.type() == EventType.USAGE)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.quantity() * 4).isEqualTo(Math.rint(e.quantity() * 4)));
  }

  @Test
  void aScenarioWithoutOutageDuplicatesOrLateEventsHasNone() {
    Scenario plain =
        ScenarioGenerator.generate(TINY.withOutageDay(-1).withDuplicateRate(0).withLateEvents(0));

    assertThat(plain.duplicateCount()).isZero();
    assertThat(plain.lateCount()).isZero();
    assertThat(plain.arrivals()).isNotEmpty();
  }

  @Test
  void theWeekendOptionDefaultsToTheMildWeekendEveryCallerHadBefore() {
    ScenarioConfig small = ScenarioConfig.small(SmallScenario.SEED);
    ScenarioConfig written =
        new ScenarioConfig(
            small.seed(),
            small.tenants(),
            small.days(),
            small.start(),
            small.outageDay(),
            small.outageShare(),
            small.duplicateRate(),
            small.lateEvents(),
            small.maxDisorder(),
            small.activityPerDay());

    assertThat(written).isEqualTo(small);
    assertThat(small.weekendActivity()).isEqualTo(0.85);
    assertThat(small.withWeekendActivity(0.85)).isEqualTo(small);
  }

  @Test
  void steepWeekendsHaveFewerThanHalfTheActiveTenantsOfAWeekday() {
    ScenarioConfig config = ScenarioConfig.small(3).withDays(28).withOutageDay(-1);

    double mild = weekendToWeekdayActiveTenants(ScenarioGenerator.generate(config));
    double steep =
        weekendToWeekdayActiveTenants(ScenarioGenerator.generate(config.steepWeekends()));

    assertThat(mild).isBetween(0.75, 0.95);
    assertThat(steep).isBetween(0.3, 0.5);
  }

  /** Mean distinct active tenants per weekend day over the mean per weekday. */
  private static double weekendToWeekdayActiveTenants(Scenario scenario) {
    Map<Long, Set<String>> byDay = new HashMap<>();
    for (ScenarioEvent arrival : scenario.arrivals()) {
      TenantEvent e = arrival.event();
      if (e.type() == EventType.ACTIVITY && !arrival.duplicate()) {
        byDay
            .computeIfAbsent(e.timestamp().getEpochSecond() / 86_400, d -> new HashSet<>())
            .add(e.tenantId());
      }
    }
    double weekend = 0;
    double weekday = 0;
    int weekendDays = 0;
    int weekdays = 0;
    for (Map.Entry<Long, Set<String>> day : byDay.entrySet()) {
      // 1970-01-01 was a Thursday: day % 7 == 2 is a Saturday, 3 a Sunday.
      long dow = day.getKey() % 7;
      if (dow == 2 || dow == 3) {
        weekend += day.getValue().size();
        weekendDays++;
      } else {
        weekday += day.getValue().size();
        weekdays++;
      }
    }
    return (weekend / weekendDays) / (weekday / weekdays);
  }

  @Test
  void aBadConfigIsRefusedWithEveryProblem() {
    assertThatThrownBy(() -> TINY.withTenants(0).withMaxDisorder(Duration.ofMinutes(20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenants");
    assertThatThrownBy(
            () ->
                new ScenarioConfig(
                    1,
                    0,
                    0,
                    Instant.parse("2026-01-05T01:00:00Z"),
                    30,
                    2,
                    1,
                    -1,
                    Duration.ofMinutes(30),
                    0))
        .hasMessageContainingAll(
            "tenants",
            "days",
            "start",
            "outageShare",
            "duplicateRate",
            "lateEvents",
            "maxDisorder",
            "activityPerDay");
  }

  private static List<TenantEvent> ofType(List<TenantEvent> events, EventType type) {
    return events.stream().filter(e -> e.type() == type).toList();
  }
}
