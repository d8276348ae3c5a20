package dev.tenantpulse.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.support.TestRules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The same-weekday baseline and the judgement, without a database. */
class DropBaselineTests {

  static final Instant H = Instant.parse("2026-03-01T12:00:00Z"); // a Sunday noon

  static Rule rule(String params) {
    return TestRules.rule("drop", "kind: active_tenants_drop\nparams: {" + params + "}");
  }

  static Instant weeksBack(int k) {
    return H.minus(Duration.ofDays(7L * k));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(DropBaseline.aggregate(List.of(40L, 10L, 30L, 20L), "median")).isEqualTo(25.0);
    assertThat(DropBaseline.aggregate(List.of(40L, 10L, 30L), "median")).isEqualTo(30.0);
    assertThat(DropBaseline.aggregate(List.of(40L, 10L, 30L), "mean")).isEqualTo(80.0 / 3);
    assertThat(DropBaseline.aggregate(List.of(), "median")).isNull();
  }

  @Test
  void readsTheSameHourOnTheSameWeekdayOfTheLastWeeks() {
    assertThat(DropBaseline.earlierWeeks(H, 3))
        .containsExactly(
            Instant.parse("2026-02-22T12:00:00Z"),
            Instant.parse("2026-02-15T12:00:00Z"),
            Instant.parse("2026-02-08T12:00:00Z"));
  }

  @Test
  void leavesOutHoursThatWereFiringAndHoursWithoutARow() {
    Rule rule = rule("baseline: same_weekday, weeks: 4");
    Map<Instant, Long> active =
        Map.of(weeksBack(1), 100L, weeksBack(2), 40L, weeksBack(3), 104L, weeksBack(5), 1L);

    // Week 2 was an outage that fired: without it the median of 100 and 104; week 4 has no row,
    // week 5 is beyond the four weeks.
    assertThat(DropBaseline.sameWeekdayBaseline(rule, H, active, Set.of(weeksBack(2))))
        .isEqualTo(102.0);
    assertThat(DropBaseline.sameWeekdayBaseline(rule, H, active, Set.of())).isEqualTo(100.0);
    assertThat(
            DropBaseline.sameWeekdayBaseline(
                rule, H, active, Set.of(weeksBack(1), weeksBack(2), weeksBack(3))))
        .isNull();
  }

  @Test
  void firesAtTheDropRatioOnlyAboveTheMinimumBaseline() {
    Rule rule = rule("baseline: same_weekday, drop_ratio: 0.2, min_baseline: 10");

    assertThat(DropBaseline.judge(rule, 80, 100.0).met()).isTrue();
    assertThat(DropBaseline.judge(rule, 81, 100.0).met()).isFalse();
    assertThat(DropBaseline.judge(rule, 0, 9.5).met()).isFalse();
    assertThat(DropBaseline.judge(rule, 0, null))
        .isEqualTo(new DropBaseline.Verdict(false, null, null));
    assertThat(DropBaseline.judge(rule, 70, 100.0).drop()).isEqualTo(0.3);
  }

  @Test
  void theWeeklyAverageIsTheDefaultAndAnUnknownBaselineIsRefused() {
    assertThat(DropBaseline.sameWeekday(rule(""))).isFalse();
    assertThat(rule("").choice("aggregate")).isEqualTo("median");
    assertThat(rule("").integer("weeks")).isEqualTo(4);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> rule("baseline: last_tuesday, weeks: 0"))
        .hasMessageContainingAll(
            "params.baseline", "must be one of [weekly_average, same_weekday]", "params.weeks");
  }
}
