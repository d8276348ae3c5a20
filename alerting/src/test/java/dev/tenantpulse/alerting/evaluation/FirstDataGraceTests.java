package dev.tenantpulse.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.evaluation.Observation.Outcome;
import dev.tenantpulse.alerting.rules.Labels;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.support.TestRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a table without rows is still waiting for its first data and when it is no data. */
class FirstDataGraceTests {

  static final Instant FIRST = Instant.parse("2026-11-27T10:20:00Z");
  static final Duration GRACE = Duration.ofHours(3);

  Rule hourly = TestRules.rule("drop", "kind: active_tenants_drop\nno_data_after: 2h");
  Rule weekly = TestRules.rule("slow", "kind: onboarding_slowdown"); // no_data_after: 14d
  Observation empty =
      Observation.noRowYet("newest closed hour of active_tenants_hourly has no row yet");

  private Observation decide(Rule rule, Observation o, Duration grace, Duration sinceFirst) {
    return FirstDataGrace.decide(rule, List.of(o), FIRST, grace, FIRST.plus(sinceFirst)).getFirst();
  }

  @Test
  void anEmptyTableWaitsForItsFirstDataUntilTheGraceHasPassed() {
    Observation waiting = decide(hourly, empty, GRACE, Duration.ofHours(3).minusSeconds(1));

    assertThat(waiting.outcome()).isEqualTo(Outcome.WAITING);
    assertThat(waiting.labels()).isEqualTo(Labels.NONE);
    assertThat(waiting.summary())
        .startsWith("waiting for first data: newest closed hour of active_tenants_hourly")
        .contains("no data from 2026-11-27T13:20:00Z", "3h after", "at 2026-11-27T10:20:00Z");
  }

  @Test
  void anEmptyTableIsNoDataOnceTheGraceHasPassed() {
    Observation noData = decide(hourly, empty, GRACE, Duration.ofHours(3));

    assertThat(noData.outcome()).isEqualTo(Outcome.NO_DATA);
    assertThat(noData.summary())
        .startsWith("no data: newest closed hour of active_tenants_hourly has no row yet")
        .contains("180 min after this install first evaluated");
  }

  @Test
  void aRuleThatAllowsItsTableLongerThanTheGraceWaitsThatLong() {
    assertThat(decide(weekly, empty, GRACE, Duration.ofDays(14).minusSeconds(1)).outcome())
        .isEqualTo(Outcome.WAITING);
    assertThat(decide(weekly, empty, GRACE, Duration.ofDays(14)).outcome())
        .isEqualTo(Outcome.NO_DATA);
  }

  @Test
  void noGraceLeavesTheRulesOwnNoDataAfter() {
    assertThat(decide(hourly, empty, Duration.ZERO, Duration.ofHours(2).minusSeconds(1)).outcome())
        .isEqualTo(Outcome.WAITING);
    assertThat(decide(hourly, empty, Duration.ZERO, Duration.ofHours(2)).outcome())
        .isEqualTo(Outcome.NO_DATA);
  }

  @Test
  void staleDataWaitsInsideTheGraceAndIsNoDataAfterIt() {
    Observation stale = Observation.noData("no data: … the metric stopped being written");
    Observation inside =
        FirstDataGrace.decide(hourly, List.of(stale), FIRST, GRACE, FIRST.plusSeconds(60)).get(0);
    assertThat(inside.outcome()).isEqualTo(Outcome.WAITING);
    assertThat(inside.summary()).startsWith("catching up").contains("stopped being written");
    assertThat(FirstDataGrace.decide(hourly, List.of(stale), FIRST, GRACE, FIRST.plus(GRACE)))
        .containsExactly(stale);
    // no grace: a stale table is no data from the first evaluation on, as before the grace existed
    assertThat(FirstDataGrace.decide(hourly, List.of(stale), FIRST, Duration.ZERO, FIRST))
        .containsExactly(stale);
  }

  @Test
  void judgedObservationsAreLeftAsTheyAre() {
    Observation met = Observation.met(Labels.of("plan", "starter"), 0.3, "30 % below");
    assertThat(FirstDataGrace.decide(hourly, List.of(met), FIRST, GRACE, FIRST))
        .containsExactly(met);
  }
}
