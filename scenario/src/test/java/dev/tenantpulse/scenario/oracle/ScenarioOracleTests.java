package dev.tenantpulse.scenario.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.scenario.SmallScenario;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The oracle over the generated small scenario: what the story promises shows in the metrics. */
class ScenarioOracleTests {

  private final Scenario scenario = SmallScenario.get();
  private final ExpectedMetrics streaming = SmallScenario.streaming();
  private final ScenarioConfig config = scenario.config();

  @Test
  void theOraclesLatenessRuleFindsExactlyTheEventsTheGeneratorMadeLate() {
    Map<String, Boolean> lateByKey = new HashMap<>();
    streaming.events().forEach(e -> lateByKey.put(e.tenantId() + "/" + e.eventId(), e.late()));
    for (ScenarioEvent arrival : scenario.arrivals()) {
      if (!arrival.duplicate()) {
        String key = arrival.event().tenantId() + "/" + arrival.event().id();
        assertThat(lateByKey.get(key)).as(key).isEqualTo(arrival.late());
      }
    }
    assertThat(streaming.lateEvents()).isEqualTo(scenario.lateCount()).isGreaterThanOrEqualTo(5);
    assertThat(streaming.duplicates()).isEqualTo(scenario.duplicateCount());
    assertThat(streaming.events())
        .hasSize(scenario.arrivals().size() - (int) scenario.duplicateCount());
  }

  @Test
  void theOutageDayDropsActiveTenantsByAQuarterToTwoFifthsAgainstTheWeekBefore() {
    Instant outageEnd = config.outageStart().plus(Duration.ofDays(1));
    long during = streaming.activeHour(outageEnd).orElseThrow().active24h();
    long weekBefore =
        streaming.activeHour(outageEnd.minus(Duration.ofDays(7))).orElseThrow().active24h();

    assertThat(1.0 - during / (double) weekBefore).isBetween(0.25, 0.40);
  }

  @Test
  void onlyTheOutageMakesTheDropRatioReachTheAlertLevel() {
    Instant outageStart = config.outageStart();
    Instant recovered = outageStart.plus(Duration.ofDays(2));
    List<ExpectedActiveHour> alerting =
        streaming.activeHours().stream()
            .filter(h -> h.dropRatio() != null && h.dropRatio() >= 0.20)
            .toList();

    assertThat(alerting).isNotEmpty();
    assertThat(alerting)
        .allSatisfy(h -> assertThat(h.windowEnd()).isAfter(outageStart).isBefore(recovered));
    assertThat(streaming.activeHour(outageStart.plus(Duration.ofDays(1))).orElseThrow().dropRatio())
        .isGreaterThanOrEqualTo(0.20);
  }

  @Test
  void everyActiveTenantCountsUnderExactlyOnePlan() {
    Map<Instant, Long> byPlanSums =
        streaming.activeHoursByPlan().stream()
            .collect(
                Collectors.groupingBy(
                    ExpectedActiveHourByPlan::windowEnd,
                    Collectors.summingLong(ExpectedActiveHourByPlan::active24h)));
    assertThat(streaming.activeHours())
        .allSatisfy(h -> assertThat(byPlanSums.get(h.windowEnd())).isEqualTo(h.active24h()));
    assertThat(streaming.activeHoursByPlan())
        .anyMatch(r -> r.plan().equals("unknown") && r.active24h() > 0);
  }

  @Test
  void aSizeableShareOfProfessionalTenantsUseSsoAndAFeatureOutsideTheCatalogShows() {
    ExpectedFeatureAdoption lastSso =
        streaming.featureAdoption().stream()
            .filter(r -> r.plan().equals("professional") && r.feature().equals("sso"))
            .max(Comparator.comparing(ExpectedFeatureAdoption::day))
            .orElseThrow();
    assertThat(lastSso.adoptionRatio()).isBetween(0.2, 0.8);
    assertThat(streaming.featureAdoption())
        .filteredOn(r -> r.feature().equals("beta_dashboards"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.inCatalog()).isFalse())
        .anyMatch(r -> r.adoptingTenants() > 0);
    assertThat(streaming.featureAdoption())
        .filteredOn(r -> !r.inCatalog())
        .extracting(ExpectedFeatureAdoption::feature)
        .containsOnly("beta_dashboards");
  }

  @Test
  void onboardingTakesMinutesHoursDaysOrNeverAndSomeCompletionsPrecedeTheSignup() {
    List<Long> seconds =
        streaming.onboardingTenants().stream()
            .map(ExpectedOnboardingTenant::completionSeconds)
            .toList();
    assertThat(seconds).anyMatch(s -> s != null && s >= 0 && s < 3_600);
    assertThat(seconds).anyMatch(s -> s != null && s >= 3_600 && s <= 86_400);
    assertThat(seconds).anyMatch(s -> s != null && s > 86_400);
    assertThat(seconds).anyMatch(s -> s == null);
    assertThat(seconds.stream().filter(s -> s != null && s < 0).count()).isGreaterThanOrEqualTo(3);
    assertThat(streaming.onboardingCohorts())
        .extracting(ExpectedOnboardingCohort::dataQualityIssues)
        .anyMatch(n -> n > 0);
    assertThat(streaming.onboardingCohorts()).hasSize(6);
  }

  @Test
  void countingLateEventsEqualsStreamingOverTheEventsInTimestampOrder() {
    ExpectedMetrics recompute =
        MetricOracle.compute(scenario.arrivals(), OracleOptions.recompute());
    // In timestamp order nothing is behind the newest event: nothing is late.
    List<TenantEvent> byTime =
        scenario.arrivals().stream()
            .map(ScenarioEvent::event)
            .sorted(Comparator.comparing(TenantEvent::timestamp))
            .toList();
    ExpectedMetrics ordered = MetricOracle.computeEvents(byTime, OracleOptions.streaming());

    assertThat(ordered.lateEvents()).isZero();
    assertThat(recompute.lateEvents()).isEqualTo(streaming.lateEvents());
    assertThat(recompute.tenants()).isEqualTo(ordered.tenants());
    assertThat(recompute.activeHours()).isEqualTo(ordered.activeHours());
    assertThat(recompute.activeHoursByPlan()).isEqualTo(ordered.activeHoursByPlan());
    assertThat(recompute.featureAdoption()).isEqualTo(ordered.featureAdoption());
    assertThat(recompute.onboardingTenants()).isEqualTo(ordered.onboardingTenants());
    assertThat(recompute.onboardingCohorts()).isEqualTo(ordered.onboardingCohorts());
    assertThat(recompute.usageDays()).isEqualTo(ordered.usageDays());
  }

  @Test
  void restrictingToAWeekKeepsOnlyItsRows() {
    Instant from = config.start().plus(Duration.ofDays(14));
    Instant to = from.plus(Duration.ofDays(7));

    ExpectedMetrics week = streaming.restrictTo(from, to);

    assertThat(week.activeHours()).hasSize(7 * 24);
    assertThat(week.activeHours().get(0).windowEnd()).isEqualTo(from);
    assertThat(week.activeHoursByPlan()).hasSize(7 * 24 * 4);
    assertThat(week.featureAdoption().stream().map(ExpectedFeatureAdoption::day).distinct().count())
        .isEqualTo(7);
    assertThat(week.usageDays().stream().map(ExpectedUsageDay::day).distinct().count())
        .isEqualTo(7);
    assertThat(week.events())
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.eventTime()).isAfterOrEqualTo(from).isBefore(to));
    assertThat(week.onboardingCohorts()).hasSize(1);
  }
}
