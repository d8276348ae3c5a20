package dev.tenantpulse.flink.metrics.active;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.TenantFact;
import dev.tenantpulse.flink.tenant.LifecycleEntry;
import dev.tenantpulse.tenancy.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  @Test
  void forgettingATenantNeverSeenEmitsNothing() {
    hours.onLifecycle("acme", plan(EventType.TENANT_SIGNED_UP, T0, "starter"), now, out);
    hours.onActive("acme", T0, now, out);
    hours.onActive("acme2", T0 + HOUR, now, out);
    closeTo(T0 + 3 * HOUR);
    int overallBefore = overall.size();
    int byPlanBefore = byPlan.size();

    for (String lookAlike : List.of("ACME", "Acme", "acme3", "acm", "")) {
      hours.forget(lookAlike, ++now, out);
    }
    assertThat(overall).hasSize(overallBefore);
    assertThat(byPlan).hasSize(byPlanBefore);
    closeTo(T0 + 4 * HOUR);
    assertThat(latest().get(Instant.ofEpochMilli(T0 + 4 * HOUR)).active24h()).isEqualTo(2);
    assertThat(latest(T0 + 4 * HOUR, "starter").active24h()).isEqualTo(1);
  }

  @Test
  void aForgottenTenantIsTakenOutOfTheClosedHoursWithHigherVersions() {
    hours.onLifecycle("acme", plan(EventType.TENANT_SIGNED_UP, T0, "starter"), now, out);
    hours.onActive("acme", T0, now, out);
    hours.onActive("acme2", T0 + HOUR, now, out);
    closeTo(T0 + 3 * HOUR);
    ActiveHourRow before = latest().get(Instant.ofEpochMilli(T0 + 2 * HOUR));
    assertThat(before.active24h()).isEqualTo(2);

    hours.forget("acme", ++now, out);
    ActiveHourRow after = latest().get(Instant.ofEpochMilli(T0 + 2 * HOUR));
    assertThat(after.active24h()).isEqualTo(1);
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(latest().get(Instant.ofEpochMilli(T0 + HOUR)).active24h()).isZero();
    assertThat(latest(T0 + 2 * HOUR, "starter").active24h()).isZero();
    assertThat(latest(T0 + 2 * HOUR, "unknown").active24h()).isEqualTo(1); // acme2, untouched
  }

  /**
   * The defining property: after a forget every row (the latest version of each hour and plan)
   * equals the row of an aggregator that never saw the tenant, whether the row was re-emitted by
   * the forget, left alone, or closed after it.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 7, 42, 2025})
  void aForgottenTenantLeavesTheRowsOfAnAggregatorThatNeverSawIt(long seed) {
    for (String erased : List.of("acme", "ACME", "acme2", "t07")) {
      Replay replay = replay(seed, erased, false, false);
      assertThat(replay.differences()).as("%s, seed %d", erased, seed).isEmpty();
      assertThat(replay.forgetEmitted).as("%s: the forget re-emits rows", erased).isPositive();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {3, 42})
  void aForgottenTenantActiveAgainCountsFromItsNewFactsOnly(long seed) {
    for (boolean restoredBeforeForget : List.of(false, true)) {
      Replay replay = replay(seed, "acme", true, restoredBeforeForget);
      assertThat(replay.differences())
          .as("seed %d, restored %s", seed, restoredBeforeForget)
          .isEmpty();
    }
  }

  /**
   * Closing an hour moves the window's per-plan counts by the tenants entering, leaving or changing
   * plan only; a restore counts the window from scratch. An aggregator restored after every arrival
   * (so counting each window whole) writes the same rows as one that never restarts, with late
   * facts, plan changes and churns at any time and a tenant forgotten on the way.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 7, 42, 2025, 31337})
  void movingTheWindowCountsWhatCountingItWholeCounts(long seed) {
    Recorder moving = new Recorder();
    Recorder whole = new Recorder();
    ActiveHours continuous = aggregator();
    ActiveHours restarted = aggregator();
    long clock = 1_000;
    boolean forgotten = false;
    for (Arrival a : arrivals(seed)) {
      if (!forgotten && a.at() >= FORGET_AT) {
        continuous.forget("t07", ++clock, moving);
        restarted.forget("t07", clock, whole);
        forgotten = true;
      }
      feed(continuous, a.fact(), ++clock, moving);
      feed(restarted, a.fact(), clock, whole);
      continuous.closeUpTo(a.at() - HOUR, Long.MAX_VALUE, ++clock, moving);
      restarted.closeUpTo(a.at() - HOUR, Long.MAX_VALUE, clock, whole);
      ActiveHours fresh = aggregator();
      fresh.restore(restarted.snapshot());
      restarted = fresh;
    }
    continuous.closeUpTo(T0 + 11 * DAY, Long.MAX_VALUE, ++clock, moving);
    restarted.closeUpTo(T0 + 11 * DAY, Long.MAX_VALUE, clock, whole);
    Map<String, List<Object>> expected = whole.latestValues();
    assertThat(expected).hasSizeGreaterThan(200);
    assertThat(moving.latestValues()).isEqualTo(expected);
  }

  /** The rows an aggregator emitted, in order. */
  static final class Recorder implements ActiveHours.Output {
    final List<ActiveHourRow> overall = new ArrayList<>();
    final List<ActiveHourByPlanRow> byPlan = new ArrayList<>();

    @Override
    public void overall(ActiveHourRow row) {
      overall.add(row);
    }

    @Override
    public void byPlan(ActiveHourByPlanRow row) {
      byPlan.add(row);
    }

    int size() {
      return overall.size() + byPlan.size();
    }

    /**
     * The values of the latest version of each row ("H" or "H plan"), checking on the way that
     * every re-emit of a row carries a higher version, as ReplacingMergeTree needs.
     */
    Map<String, List<Object>> latestValues() {
      Map<String, Long> versions = new HashMap<>();
      Map<String, List<Object>> values = new HashMap<>();
      for (ActiveHourRow r : overall) {
        String key = r.windowEnd().toString();
        assertThat(r.version()).as(key).isGreaterThan(versions.getOrDefault(key, Long.MIN_VALUE));
        versions.put(key, r.version());
        values.put(key, Arrays.asList(r.active24h(), r.weeklyAvg(), r.dropRatio()));
      }
      for (ActiveHourByPlanRow r : byPlan) {
        String key = r.windowEnd() + " " + r.plan();
        assertThat(r.version()).as(key).isGreaterThan(versions.getOrDefault(key, Long.MIN_VALUE));
        versions.put(key, r.version());
        values.put(key, Arrays.asList(r.active24h(), r.weeklyAvg(), r.dropRatio()));
      }
      return values;
    }
  }

  /** A fact and when it reaches the aggregator (in event time: facts arrive up to 90 min late). */
  record Arrival(long at, TenantFact fact) {}

  /** What a replay of generated facts left: one aggregator forgot a tenant, one never saw it. */
  record Replay(Recorder withForget, Recorder neverSeen, int forgetEmitted) {

    /** Each row whose latest values differ between the two: "forgot: ..., never saw: ...". */
    Map<String, String> differences() {
      Map<String, List<Object>> forgot = withForget.latestValues();
      Map<String, List<Object>> fresh = neverSeen.latestValues();
      Map<String, String> differ = new TreeMap<>();
      Set<String> keys = new HashSet<>(forgot.keySet());
      keys.addAll(fresh.keySet());
      for (String key : keys) {
        if (!Objects.equals(forgot.get(key), fresh.get(key))) {
          differ.put(key, "forgot: " + forgot.get(key) + ", never saw: " + fresh.get(key));
        }
      }
      return differ;
    }
  }

  static final long FORGET_AT = T0 + 7 * DAY + 5 * HOUR + 17 * 60_000;

  /**
   * Feeds two aggregators the generated facts in arrival order, closing hours an hour behind the
   * newest arrival, and at {@link #FORGET_AT} makes the first forget {@code erased}. The second
   * never sees the tenant's facts from before the forget; after it the tenant sends nothing unless
   * {@code activeAgain}, and then both get its new facts.
   */
  static Replay replay(long seed, String erased, boolean activeAgain, boolean restoreFirst) {
    Recorder withForget = new Recorder();
    Recorder neverSeen = new Recorder();
    ActiveHours forgetting = aggregator();
    ActiveHours fresh = aggregator();
    long clock = 1_000;
    int forgetEmitted = -1;
    for (Arrival a : arrivals(seed)) {
      if (forgetEmitted < 0 && a.at() >= FORGET_AT) {
        if (restoreFirst) {
          ActiveHours restored = aggregator();
          restored.restore(forgetting.snapshot());
          forgetting = restored;
        }
        int before = withForget.size();
        forgetting.forget(erased, ++clock, withForget);
        forgetEmitted = withForget.size() - before;
      }
      boolean ofErased = a.fact().tenantId().equals(erased);
      boolean afterForget = forgetEmitted >= 0;
      if (!ofErased || (afterForget && activeAgain)) {
        feed(forgetting, a.fact(), ++clock, withForget);
        feed(fresh, a.fact(), clock, neverSeen);
      } else if (!afterForget) {
        feed(forgetting, a.fact(), ++clock, withForget);
      }
      forgetting.closeUpTo(a.at() - HOUR, Long.MAX_VALUE, ++clock, withForget);
      fresh.closeUpTo(a.at() - HOUR, Long.MAX_VALUE, clock, neverSeen);
    }
    long end = T0 + 11 * DAY; // past every arrival
    forgetting.closeUpTo(end, Long.MAX_VALUE, ++clock, withForget);
    fresh.closeUpTo(end, Long.MAX_VALUE, clock, neverSeen);
    return new Replay(withForget, neverSeen, forgetEmitted);
  }

  static ActiveHours aggregator() {
    return new ActiveHours(PLANS, HOUR, 6 * HOUR, EmitRange.ALL);
  }

  static void feed(ActiveHours hours, TenantFact fact, long now, ActiveHours.Output out) {
    switch (fact.kind()) {
      case ACTIVE_HOUR -> hours.onActive(fact.tenantId(), fact.time(), now, out);
      case LIFECYCLE -> hours.onLifecycle(fact.tenantId(), fact.lifecycle(), now, out);
      default -> throw new IllegalArgumentException(fact.toString());
    }
  }

  /**
   * 20 tenants (look-alike ids among them) with random active hours over ten days and signups, plan
   * changes and churns, in arrival order. {@code first} is active in the very first hour, so the
   * first hour does not depend on the erased tenant.
   */
  static List<Arrival> arrivals(long seed) {
    Random random = new Random(seed);
    List<String> tenants = new ArrayList<>(List.of("acme", "acme2", "ACME", "Acme", "acme "));
    for (int i = 5; i < 20; i++) {
      tenants.add(String.format("t%02d", i));
    }
    List<Arrival> arrivals = new ArrayList<>();
    arrive(arrivals, random, TenantFact.activeHour("first", T0));
    List<String> planNames = List.of("starter", "professional", "enterprise");
    for (String tenant : tenants) {
      double activity = 0.02 + random.nextDouble() * 0.4;
      for (long h = T0; h < T0 + 10 * DAY; h += HOUR) {
        if (random.nextDouble() < activity) {
          arrive(arrivals, random, TenantFact.activeHour(tenant, h));
        }
      }
      long at = T0 + random.nextLong(3 * DAY);
      EventType type = EventType.TENANT_SIGNED_UP;
      for (int e = random.nextInt(4); e > 0; e--) {
        String planName =
            type == EventType.TENANT_CHURNED ? null : planNames.get(random.nextInt(3));
        arrive(arrivals, random, TenantFact.lifecycle(tenant, plan(type, at, planName)));
        at += random.nextLong(3 * DAY);
        type = random.nextInt(3) == 0 ? EventType.TENANT_CHURNED : EventType.PLAN_CHANGED;
      }
    }
    arrivals.sort(Comparator.comparingLong(Arrival::at));
    return arrivals;
  }

  private static void arrive(List<Arrival> arrivals, Random random, TenantFact fact) {
    long within = fact.kind() == TenantFact.Kind.ACTIVE_HOUR ? random.nextLong(HOUR) : 0;
    arrivals.add(new Arrival(fact.time() + within + random.nextLong(90 * 60_000), fact));
  }
}
