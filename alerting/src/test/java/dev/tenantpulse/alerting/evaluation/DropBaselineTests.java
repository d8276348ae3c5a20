package dev.tenantpulse.alerting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.evaluation.ActiveTenantsEvaluator.HourRow;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.support.TestRules;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The same-weekday baseline and the judgement, without a database. */
class DropBaselineTests {

  static final Instant H = Instant.parse("2026-03-01T12:00:00Z"); // a Sunday noon
  static final Offset<Double> EXACT = Offset.offset(1e-9);

  static Rule rule(String params) {
    return TestRules.rule("drop", "kind: active_tenants_drop\nparams: {" + params + "}");
  }

  static Instant weeksBack(int k) {
    return H.minus(Duration.ofDays(7L * k));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(DropBaseline.aggregate(List.of(0.4, 0.1, 0.3, 0.2), "median")).isEqualTo(0.25);
    assertThat(DropBaseline.aggregate(List.of(0.4, 0.1, 0.3), "median")).isEqualTo(0.3);
    assertThat(DropBaseline.aggregate(List.of(0.4, 0.1, 0.3), "mean")).isCloseTo(0.8 / 3, EXACT);
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

  static HourRow row(Instant h, long active, Double weeklyAvg) {
    return new HourRow(null, h, active, weeklyAvg, null);
  }

  static Map<Instant, HourRow> rows(HourRow... rows) {
    Map<Instant, HourRow> out = new HashMap<>();
    for (HourRow r : rows) {
      out.put(r.windowEnd(), r);
    }
    return out;
  }

  @Test
  void scalesTheEarlierWeeksShareOfTheirWeeklyAverageToTodays() {
    Rule rule = rule("baseline: same_weekday_adjusted, weeks: 4");
    // A Sunday at half of its week, four weeks running, while the product grew 15 % a week: the
    // raw median (66 and 76) would be 71; the shares say half of today's 200.
    Map<Instant, HourRow> earlier =
        rows(
            row(weeksBack(1), 88, 176.0),
            row(weeksBack(2), 76, 152.0),
            row(weeksBack(3), 66, 132.0),
            row(weeksBack(4), 57, 114.0));

    assertThat(DropBaseline.sameWeekdayBaseline(rule, row(H, 80, 200.0), earlier, Set.of()))
        .isCloseTo(100.0, EXACT);
    assertThat(
            DropBaseline.sameWeekdayBaseline(
                rule("baseline: same_weekday_adjusted, aggregate: mean"),
                row(H, 80, 200.0),
                rows(row(weeksBack(1), 88, 176.0), row(weeksBack(2), 60, 150.0)),
                Set.of()))
        .isCloseTo(200 * 0.45, EXACT);
    // No weekly average today: no level to scale to, the hour is not judged.
    assertThat(DropBaseline.sameWeekdayBaseline(rule, row(H, 80, null), earlier, Set.of()))
        .isNull();
    // Unadjusted, the same rows give the raw median, which lags the growth.
    assertThat(
            DropBaseline.sameWeekdayBaseline(
                rule("baseline: same_weekday, weeks: 4"), row(H, 80, 200.0), earlier, Set.of()))
        .isEqualTo(71.0);
  }

  @Test
  void leavesOutHoursThatWereFiringAndHoursWithoutARow() {
    Rule rule = rule("baseline: same_weekday, weeks: 4");
    Map<Instant, HourRow> earlier =
        rows(
            row(weeksBack(1), 100, null),
            row(weeksBack(2), 40, null),
            row(weeksBack(3), 104, null),
            row(weeksBack(5), 1, null));
    HourRow today = row(H, 70, null);

    // Week 2 was an outage that fired: without it the median of 100 and 104; week 4 has no row,
    // week 5 is beyond the four weeks. The raw values need no weekly average.
    assertThat(DropBaseline.sameWeekdayBaseline(rule, today, earlier, Set.of(weeksBack(2))))
        .isEqualTo(102.0);
    assertThat(DropBaseline.sameWeekdayBaseline(rule, today, earlier, Set.of())).isEqualTo(100.0);
    assertThat(
            DropBaseline.sameWeekdayBaseline(
                rule, today, earlier, Set.of(weeksBack(1), weeksBack(2), weeksBack(3))))
        .isNull();
  }

  @Test
  void theAdjustedBaselineAlsoLeavesOutHoursWithoutALevel() {
    Rule rule = rule("baseline: same_weekday_adjusted, weeks: 4");
    HourRow today = row(H, 70, 100.0);
    Map<Instant, HourRow> earlier =
        rows(
            row(weeksBack(1), 100, 100.0),
            row(weeksBack(2), 40, 100.0),
            row(weeksBack(3), 104, 100.0),
            row(weeksBack(4), 10, null),
            row(weeksBack(5), 1, 100.0));

    // Week 2 was an outage that fired: without it the median of 1.00 and 1.04; week 4 has no
    // weekly average, week 5 is beyond the four weeks.
    assertThat(DropBaseline.sameWeekdayBaseline(rule, today, earlier, Set.of(weeksBack(2))))
        .isCloseTo(102.0, EXACT);
    assertThat(DropBaseline.sameWeekdayBaseline(rule, today, earlier, Set.of()))
        .isCloseTo(100.0, EXACT);
    earlier.put(weeksBack(3), row(weeksBack(3), 104, 0.0));
    assertThat(DropBaseline.sameWeekdayBaseline(rule, today, earlier, Set.of(weeksBack(2))))
        .isCloseTo(100.0, EXACT);
    assertThat(
            DropBaseline.sameWeekdayBaseline(
                rule, today, earlier, Set.of(weeksBack(1), weeksBack(2), weeksBack(3))))
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
            "params.baseline",
            "must be one of [weekly_average, same_weekday, same_weekday_adjusted]",
            "params.weeks");
  }
}
