package dev.tenantpulse.flink.metrics.active;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.tenant.LifecycleEntry;
import dev.tenantpulse.tenancy.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActiveHoursTests {

  static final long HOUR = Duration.ofHours(1).toMillis();
  static final long DAY = Duration.ofDays(1).toMillis();
  static final long T0 = Instant.parse("2025-03-03T00:00:00Z").toEpochMilli();
  static final List<String> PLANS = List.of("starter", "professional", "unknown");

  final List<ActiveHourRow> overall = new ArrayList<>();
  final List<ActiveHourByPlanRow> byPlan = new ArrayList<>();
  final ActiveHours.Output out =
      new ActiveHours.Output() {
        @Override
        public void overall(ActiveHourRow row) {
          overall.add(row);
        }

        @Override
        public void byPlan(ActiveHourByPlanRow row) {
          byPlan.add(row);
        }
      };
  final ActiveHours hours = new ActiveHours(PLANS, HOUR, 6 * HOUR, EmitRange.ALL);
  long now = 1_000;

  Map<Instant, ActiveHourRow> latest() {
    Map<Instant, ActiveHourRow> m = new LinkedHashMap<>();
    overall.forEach(r -> m.put(r.windowEnd(), r));
    return m;
  }

  ActiveHourByPlanRow latest(long windowEnd, String plan) {
    ActiveHourByPlanRow found = null;
    for (ActiveHourByPlanRow r : byPlan) {
      if (r.windowEnd().toEpochMilli() == windowEnd && r.plan().equals(plan)) {
        found = r;
      }
    }
    return found;
  }

  void closeTo(long watermark) {
    hours.closeUpTo(watermark, Long.MAX_VALUE, ++now, out);
  }

  static LifecycleEntry plan(EventType type, long at, String plan) {
    return new LifecycleEntry(type, at, plan, null, null, null);
  }

  @Test
  void hoursWithoutActivityGetZeroRows() {
    hours.onActive("a", T0, now, out);
    hours.onActive("b", T0 + 2 * DAY, now, out);
    closeTo(T0 + 2 * DAY + HOUR - 1);

    Map<Instant, ActiveHourRow> rows = latest();
    assertThat(rows).hasSize(49); // window ends T0+1h .. T0+2d+1h
    assertThat(rows.get(Instant.ofEpochMilli(T0 + HOUR)).active24h()).isEqualTo(1);
    assertThat(rows.get(Instant.ofEpochMilli(T0 + DAY)).active24h()).isEqualTo(1);
    assertThat(rows.get(Instant.ofEpochMilli(T0 + DAY + HOUR)).active24h()).isZero();
    assertThat(rows.get(Instant.ofEpochMilli(T0 + 2 * DAY)).active24h()).isZero();
    assertThat(rows.get(Instant.ofEpochMilli(T0 + 2 * DAY + HOUR)).active24h()).isEqualTo(1);
  }

  @Test
  void weeklyAverageIsNullUntilSevenDaysBackIsEmittedThenTheMean() {
    for (int d = 0; d <= 8; d++) {
      for (int t = 0; t <= d; t++) {
        hours.onActive("t" + t, T0 + d * DAY + 30 * 60_000, now, out);
      }
    }
    closeTo(T0 + 8 * DAY + 2 * HOUR);
    Map<Instant, ActiveHourRow> rows = latest();
    long first = T0 + HOUR;
    ActiveHourRow lastNull = rows.get(Instant.ofEpochMilli(first + 7 * DAY - HOUR));
    ActiveHourRow firstDefined = rows.get(Instant.ofEpochMilli(first + 7 * DAY));
    assertThat(lastNull.weeklyAvg()).isNull();
    assertThat(lastNull.dropRatio()).isNull();
    // H = T0+7d+1h: the 24h windows ending at T0+1h+k days hold days' tenants 1..7 (day d: d+1).
    long sum = 0;
    for (int k = 1; k <= 7; k++) {
      sum += rows.get(Instant.ofEpochMilli(first + 7 * DAY - k * DAY)).active24h();
    }
    assertThat(firstDefined.weeklyAvg()).isEqualTo(sum / 7.0);
    assertThat(firstDefined.active24h()).isEqualTo(8);
    assertThat(firstDefined.dropRatio()).isEqualTo(1.0 - 8 / (sum / 7.0));
  }

  @Test
  void dropRatioIsNullWhenTheWeeklyAverageIsZero() {
    hours.onActive("a", T0, now, out);
    hours.onActive("a", T0 + 9 * DAY, now, out);
    closeTo(T0 + 9 * DAY + HOUR - 1);
    ActiveHourRow row = latest().get(Instant.ofEpochMilli(T0 + 9 * DAY + HOUR));
    assertThat(row.active24h()).isEqualTo(1);
    assertThat(row.weeklyAvg()).isEqualTo(0.0);
    assertThat(row.dropRatio()).isNull();
  }

  @Test
  void planChangeAtExactlyTheWindowEndCountsFromTheNextHour() {
    long h = T0 + 5 * HOUR;
    hours.onLifecycle("a", plan(EventType.TENANT_SIGNED_UP, T0, "starter"), now, out);
    hours.onActive("a", T0 + HOUR, now, out);
    hours.onLifecycle("a", plan(EventType.PLAN_CHANGED, h, "professional"), now, out);
    hours.onActive("b", T0 + 2 * HOUR, now, out); // no plan: unknown
    closeTo(h + HOUR);

    assertThat(latest(h, "starter").active24h()).isEqualTo(1);
    assertThat(latest(h, "professional").active24h()).isZero();
    assertThat(latest(h + HOUR, "starter").active24h()).isZero();
    assertThat(latest(h + HOUR, "professional").active24h()).isEqualTo(1);
    assertThat(latest(h, "unknown").active24h()).isEqualTo(1);
    assertThat(latest(T0 + HOUR, "unknown").active24h()).isZero(); // zeros are rows too
  }

  @Test
  void aChurnedTenantThatIsActiveStillCountsUnderItsPlan() {
    hours.onLifecycle("a", plan(EventType.TENANT_SIGNED_UP, T0, "starter"), now, out);
    hours.onLifecycle("a", plan(EventType.TENANT_CHURNED, T0 + HOUR, null), now, out);
    hours.onActive("a", T0 + 2 * HOUR, now, out);
    closeTo(T0 + 4 * HOUR);
    assertThat(latest(T0 + 3 * HOUR, "starter").active24h()).isEqualTo(1);
  }

  @Test
  void aFactBehindTheClosedHourReemitsTheChangedRowsWithAHigherVersion() {
    hours.onActive("a", T0, now, out);
    hours.onActive("b", T0 + 2 * HOUR, now, out);
    closeTo(T0 + 2 * HOUR + 10 * 60_000);
    ActiveHourRow before = latest().get(Instant.ofEpochMilli(T0 + 2 * HOUR));
    assertThat(before.active24h()).isEqualTo(1);
    int emittedBefore = overall.size();

    hours.onActive("c", T0 + HOUR, 5, out); // an event at 01:50 arriving at 02:10
    ActiveHourRow after = latest().get(Instant.ofEpochMilli(T0 + 2 * HOUR));
    assertThat(after.active24h()).isEqualTo(2);
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(overall).hasSize(emittedBefore + 1); // only the changed hour
    assertThat(latest(T0 + 2 * HOUR, "unknown").active24h()).isEqualTo(2);
  }

  @Test
  void aLatePlanChangeReemitsThePerPlanRowsOfTheClosedHoursAfterIt() {
    hours.onLifecycle("a", plan(EventType.TENANT_SIGNED_UP, T0, "starter"), now, out);
    hours.onActive("a", T0, now, out);
    closeTo(T0 + 3 * HOUR);
    int overallBefore = overall.size();
    hours.onLifecycle(
        "a", plan(EventType.PLAN_CHANGED, T0 + 2 * HOUR - 1, "professional"), now, out);
    assertThat(latest(T0 + 2 * HOUR, "professional").active24h()).isEqualTo(1);
    assertThat(latest(T0 + 2 * HOUR, "starter").active24h()).isZero();
    assertThat(latest(T0 + HOUR, "starter").active24h()).isEqualTo(1);
    assertThat(overall).hasSize(overallBefore); // overall counts did not change
  }

  @Test
  void aLateFactBeforeTheFirstHourAddsTheEarlierHours() {
    hours.onActive("a", T0 + 3 * HOUR, now, out);
    closeTo(T0 + 5 * HOUR);
    assertThat(latest())
        .containsOnlyKeys(Instant.ofEpochMilli(T0 + 4 * HOUR), Instant.ofEpochMilli(T0 + 5 * HOUR));
    hours.onActive("b", T0 + 2 * HOUR, now, out);
    assertThat(latest().get(Instant.ofEpochMilli(T0 + 3 * HOUR)).active24h()).isEqualTo(1);
    assertThat(latest().get(Instant.ofEpochMilli(T0 + 4 * HOUR)).active24h()).isEqualTo(2);
  }

  @Test
  void aBoundedInputStopsAtTheLastEmittedHour() {
    hours.onActive("a", T0 + 30 * 60_000, now, out);
    hours.onActive("a", T0 + 2 * HOUR + 5, now, out);
    hours.closeUpTo(Long.MAX_VALUE, hours.lastHour(), now, out);
    assertThat(latest()).hasSize(3);
    assertThat(hours.lastClosed()).isEqualTo(T0 + 3 * HOUR);
  }

  @Test
  void aRestoredAggregatorContinuesWithTheSameCountsAndHigherVersions() {
    hours.onActive("a", T0, now, out);
    hours.onActive("b", T0 + HOUR, now, out);
    closeTo(T0 + 2 * HOUR - 1);
    ActiveHours restored = new ActiveHours(PLANS, HOUR, 6 * HOUR, EmitRange.ALL);
    restored.restore(hours.snapshot());
    restored.onActive("c", T0 + HOUR, 1, out); // behind the frontier, clock went back
    ActiveHourRow row = latest().get(Instant.ofEpochMilli(T0 + 2 * HOUR));
    assertThat(row.active24h()).isEqualTo(3);
    restored.onActive("d", T0 + 24 * HOUR, now, out);
    restored.closeUpTo(T0 + 25 * HOUR - 1, Long.MAX_VALUE, now, out);
    // window [T0+1h, T0+25h): b, c, d (a left with hour T0)
    assertThat(latest().get(Instant.ofEpochMilli(T0 + 25 * HOUR)).active24h()).isEqualTo(3);
  }
}
