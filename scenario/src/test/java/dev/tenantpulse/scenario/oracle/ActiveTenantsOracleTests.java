package dev.tenantpulse.scenario.oracle;

import static dev.tenantpulse.scenario.oracle.HandEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ActiveTenantsOracleTests {

  private static final OracleOptions STREAMING = OracleOptions.streaming();

  private static ExpectedMetrics compute(HandEvents events) {
    return MetricOracle.computeEvents(events.list(), STREAMING);
  }

  private static ExpectedActiveHour hour(ExpectedMetrics m, String windowEnd) {
    return m.activeHour(at(windowEnd)).orElseThrow(() -> new AssertionError("no row " + windowEnd));
  }

  /** Active tenants by plan at one window end. */
  private static Map<String, Long> byPlan(ExpectedMetrics m, String windowEnd) {
    Instant end = at(windowEnd);
    return m.activeHoursByPlan().stream()
        .filter(r -> r.windowEnd().equals(end))
        .collect(
            Collectors.toMap(ExpectedActiveHourByPlan::plan, ExpectedActiveHourByPlan::active24h));
  }

  @Test
  void emitsFromTheHourAfterTheFirstEventToTheHourAfterTheLastOfAnyType() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .activity("t1", "2026-01-05T10:30:00Z")
                .signup("t2", "2026-01-05T09:59:59.999Z", "starter")
                .activity("t1", "2026-01-05T13:00:00Z"));

    assertThat(m.firstWindowEnd()).isEqualTo(at("2026-01-05T10:00:00Z"));
    assertThat(m.lastWindowEnd()).isEqualTo(at("2026-01-05T14:00:00Z"));
    // A signup is no activity: the first hour has no active tenant.
    assertThat(m.activeHours())
        .extracting(ExpectedActiveHour::active24h)
        .containsExactly(0L, 1L, 1L, 1L, 1L);
  }

  @Test
  void windowIsTheHalfOpenDayBeforeTheHourAndSilentHoursGetZeroRows() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .activity("t1", "2026-01-05T10:00:00Z")
                .activity("t2", "2026-01-06T12:30:00Z"));

    assertThat(m.firstWindowEnd()).isEqualTo(at("2026-01-05T11:00:00Z"));
    assertThat(hour(m, "2026-01-05T11:00:00Z").active24h()).isEqualTo(1);
    // [01-05T10:00, 01-06T10:00) still holds the event at exactly 10:00.
    assertThat(hour(m, "2026-01-06T10:00:00Z").active24h()).isEqualTo(1);
    assertThat(hour(m, "2026-01-06T11:00:00Z").active24h()).isZero();
    assertThat(hour(m, "2026-01-06T12:00:00Z").active24h()).isZero();
    assertThat(hour(m, "2026-01-06T13:00:00Z").active24h()).isEqualTo(1);
    assertThat(m.activeHours()).hasSize(27);
    assertThat(m.activeHour(at("2026-01-05T10:00:00Z"))).isEmpty();
  }

  @Test
  void countsEachTenantOnceAndEveryActivityTypeButNoLifecycleEvent() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .activity("t1", "2026-01-05T10:00:00Z")
                .activity("t1", "2026-01-05T10:10:00Z")
                .feature("t1", "2026-01-05T10:20:00Z", "sso")
                .feature("t2", "2026-01-05T10:21:00Z", "sso")
                .step("t3", "2026-01-05T10:22:00Z", "team_invited")
                .usage("t4", "2026-01-05T10:23:00Z", "api_calls", 1)
                .signup("t5", "2026-01-05T10:24:00Z", "starter")
                .planChange("t5", "2026-01-05T10:25:00Z", "enterprise")
                .churn("t6", "2026-01-05T10:26:00Z"));

    assertThat(m.activeHours())
        .singleElement()
        .extracting(ExpectedActiveHour::active24h)
        .isEqualTo(4L);
  }

  @Test
  void weeklyAverageIsNullUntilSevenDaysAfterTheFirstHour() {
    HandEvents events = new HandEvents();
    for (int day = 5; day <= 12; day++) {
      events.activity("t1", String.format("2026-01-%02dT00:15:00Z", day));
    }
    events.activity("t2", "2026-01-12T00:15:00Z");

    ExpectedMetrics m = compute(events);

    assertThat(m.firstWindowEnd()).isEqualTo(at("2026-01-05T01:00:00Z"));
    assertThat(m.lastWindowEnd()).isEqualTo(at("2026-01-12T01:00:00Z"));
    assertThat(m.activeHours())
        .filteredOn(h -> h.windowEnd().isBefore(at("2026-01-12T01:00:00Z")))
        .allSatisfy(
            h -> {
              assertThat(h.weeklyAvg()).isNull();
              assertThat(h.dropRatio()).isNull();
            });
    // H - 7d is the first hour: the seven earlier same hours had t1 alone; now t1 and t2.
    assertThat(hour(m, "2026-01-12T01:00:00Z"))
        .isEqualTo(new ExpectedActiveHour(at("2026-01-12T01:00:00Z"), 2, 1.0, -1.0));
  }

  @Test
  void dropRatioIsNullWhenTheWeeklyAverageIsZero() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .activity("t1", "2026-01-05T00:15:00Z")
                .activity("t1", "2026-01-13T00:30:00Z"));

    assertThat(hour(m, "2026-01-06T00:00:00Z").active24h()).isEqualTo(1);
    assertThat(hour(m, "2026-01-13T01:00:00Z"))
        .isEqualTo(new ExpectedActiveHour(at("2026-01-13T01:00:00Z"), 1, 0.0, null));
  }

  @Test
  void dropRatioComparesWithTheMeanOfTheSameHourOnTheSevenDaysBefore() {
    HandEvents events = new HandEvents();
    // Days 5..11: 4, 4, 4, 4, 4, 2, 2 tenants active around 06:00; day 12: 2 tenants.
    int[] perDay = {4, 4, 4, 4, 4, 2, 2, 2};
    for (int d = 0; d < perDay.length; d++) {
      for (int t = 0; t < perDay[d]; t++) {
        events.activity("t" + t, String.format("2026-01-%02dT06:%02d:00Z", 5 + d, t));
      }
    }
    events.activity("t0", "2026-01-04T23:00:00Z"); // makes 2026-01-05T00:00 the first hour
    events.activity("t9", "2026-01-13T00:10:00Z"); // makes 2026-01-13T01:00 the last hour

    ExpectedMetrics m = compute(events);

    ExpectedActiveHour row = hour(m, "2026-01-13T00:00:00Z");
    assertThat(row.active24h()).isEqualTo(2);
    assertThat(row.weeklyAvg()).isEqualTo(24 / 7.0);
    assertThat(row.dropRatio())
        .isCloseTo(1 - 2 / (24 / 7.0), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void byPlanUsesThePlanStrictlyBeforeTheHourWithRowsForEveryPlanAndUnknown() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .signup("t1", "2026-01-05T00:10:00Z", "starter")
                .activity("t3", "2026-01-05T05:00:00Z")
                .signup("t3", "2026-01-05T06:00:00Z", "enterprise")
                .activity("t1", "2026-01-05T08:00:00Z")
                .planChange("t1", "2026-01-05T12:00:00Z", "professional")
                .activity("t1", "2026-01-05T14:30:00Z"));

    assertThat(m.activeHoursByPlan()).hasSize(m.activeHours().size() * 4);
    assertThat(byPlan(m, "2026-01-05T01:00:00Z"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("starter", 0L, "professional", 0L, "enterprise", 0L, "unknown", 0L));
    // A signup at exactly H is not yet in force at H.
    assertThat(byPlan(m, "2026-01-05T06:00:00Z"))
        .containsEntry("unknown", 1L)
        .containsEntry("enterprise", 0L);
    assertThat(byPlan(m, "2026-01-05T07:00:00Z"))
        .containsEntry("unknown", 0L)
        .containsEntry("enterprise", 1L);
    // The change at exactly 12:00 counts from the next hour on.
    assertThat(byPlan(m, "2026-01-05T12:00:00Z"))
        .containsEntry("starter", 1L)
        .containsEntry("professional", 0L);
    assertThat(byPlan(m, "2026-01-05T13:00:00Z"))
        .containsEntry("starter", 0L)
        .containsEntry("professional", 1L);
    assertThat(m.activeHoursByPlan())
        .extracting(ExpectedActiveHourByPlan::plan)
        .startsWith("starter", "professional", "enterprise", "unknown");
  }

  @Test
  void aChurnedTenantThatIsActiveCountsUnderItsPlan() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .signup("t1", "2026-01-05T00:10:00Z", "professional")
                .churn("t1", "2026-01-05T02:00:00Z")
                .activity("t1", "2026-01-05T03:00:00Z"));

    assertThat(hour(m, "2026-01-05T04:00:00Z").active24h()).isEqualTo(1);
    assertThat(byPlan(m, "2026-01-05T04:00:00Z")).containsEntry("professional", 1L);
  }

  @Test
  void byPlanWeeklyAverageAndDropFollowThePlanSeries() {
    HandEvents events = new HandEvents().signup("t1", "2026-01-05T00:00:00Z", "starter");
    for (int day = 5; day <= 12; day++) {
      events.activity("t1", String.format("2026-01-%02dT00:30:00Z", day));
    }
    ExpectedMetrics m = compute(events);

    List<ExpectedActiveHourByPlan> last =
        m.activeHoursByPlan().stream()
            .filter(r -> r.windowEnd().equals(m.lastWindowEnd()))
            .toList();
    assertThat(last)
        .containsExactly(
            new ExpectedActiveHourByPlan(m.lastWindowEnd(), "starter", 1, 1.0, 0.0),
            new ExpectedActiveHourByPlan(m.lastWindowEnd(), "professional", 0, 0.0, null),
            new ExpectedActiveHourByPlan(m.lastWindowEnd(), "enterprise", 0, 0.0, null),
            new ExpectedActiveHourByPlan(m.lastWindowEnd(), "unknown", 0, 0.0, null));
  }
}
