package dev.tenantpulse.flink.metrics.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.CatalogView;
import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.TenantFact;
import dev.tenantpulse.flink.tenant.LifecycleEntry;
import dev.tenantpulse.tenancy.events.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FeatureAdoptionTests {

  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;
  static final long D0 = LocalDate.parse("2025-03-01").toEpochDay() * DAY;
  static final CatalogView CATALOG =
      new CatalogView(List.of("starter", "pro"), List.of("sso", "api"), "first_value", "completed");

  final List<FeatureAdoptionRow> rows = new ArrayList<>();
  final FeatureAdoption adoption = new FeatureAdoption(CATALOG, HOUR, 6 * HOUR, EmitRange.ALL);
  long now = 10;

  static LifecycleEntry entry(EventType type, long at, String plan) {
    return new LifecycleEntry(type, at, plan, null, null, null);
  }

  void closeAll(long lastEventTime) {
    adoption.onActiveHour(lastEventTime, now, rows::add);
    adoption.closeUpTo(Long.MAX_VALUE, adoption.lastDay(), ++now, rows::add);
  }

  FeatureAdoptionRow row(long dayStart, String plan, String feature) {
    Map<List<Object>, FeatureAdoptionRow> latest = new LinkedHashMap<>();
    rows.forEach(r -> latest.put(List.of(r.day(), r.plan(), r.feature()), r));
    return latest.get(List.of(LocalDate.ofEpochDay(dayStart / DAY), plan, feature));
  }

  @Test
  void theWindowHoldsTheThirtyDaysEndingWithDAndNothingAfter() {
    adoption.onLifecycle("a", entry(EventType.TENANT_SIGNED_UP, D0, "starter"), now, rows::add);
    adoption.onFeatureDay("a", D0 + 5 * DAY, "sso", now, rows::add);
    closeAll(D0 + 40 * DAY);

    assertThat(row(D0 + 4 * DAY, "starter", "sso").adoptingTenants())
        .isZero(); // used the day after
    assertThat(row(D0 + 5 * DAY, "starter", "sso").adoptingTenants()).isEqualTo(1);
    assertThat(row(D0 + 34 * DAY, "starter", "sso").adoptingTenants()).isEqualTo(1); // D-29
    assertThat(row(D0 + 35 * DAY, "starter", "sso").adoptingTenants()).isZero(); // D-30: out
    assertThat(row(D0 + 5 * DAY, "starter", "sso").adoptionRatio()).isEqualTo(1.0);
    assertThat(row(D0 + 5 * DAY, "pro", "sso").planTenants()).isZero();
    assertThat(row(D0 + 5 * DAY, "pro", "sso").adoptionRatio()).isNull();
  }

  @Test
  void daysRunFromTheFirstEventDayToTheLastClosedDay() {
    adoption.onActiveHour(D0 + 3 * HOUR, now, rows::add);
    closeAll(D0 + 2 * DAY + 23 * HOUR); // last emitted hour D0+3d: day D0+2d is closed
    assertThat(rows)
        .extracting(FeatureAdoptionRow::day)
        .containsOnly(
            LocalDate.ofEpochDay(D0 / DAY),
            LocalDate.ofEpochDay(D0 / DAY + 1),
            LocalDate.ofEpochDay(D0 / DAY + 2));
    assertThat(rows).hasSize(3 * 2 * 2); // days x catalog plans x catalog features
  }

  @Test
  void planTenantsUseThePlanAtTheEndOfTheDayAndLeaveChurnedTenantsOut() {
    long end = D0 + DAY;
    adoption.onLifecycle("a", entry(EventType.TENANT_SIGNED_UP, D0, "starter"), now, rows::add);
    adoption.onLifecycle("a", entry(EventType.PLAN_CHANGED, end, "pro"), now, rows::add); // at D+1d
    adoption.onLifecycle("b", entry(EventType.TENANT_SIGNED_UP, D0, "starter"), now, rows::add);
    adoption.onLifecycle("b", entry(EventType.TENANT_CHURNED, end - 1, null), now, rows::add);
    adoption.onLifecycle("c", entry(EventType.TENANT_SIGNED_UP, D0, "pro"), now, rows::add);
    adoption.onFeatureDay("a", D0, "sso", now, rows::add);
    adoption.onFeatureDay("b", D0, "sso", now, rows::add);
    closeAll(D0 + DAY + 2 * HOUR);

    assertThat(row(D0, "starter", "sso").planTenants()).isEqualTo(1); // a; b churned
    assertThat(row(D0, "starter", "sso").adoptingTenants()).isEqualTo(1);
    assertThat(row(D0, "pro", "sso").planTenants()).isEqualTo(1); // c
    assertThat(row(D0, "pro", "sso").adoptingTenants()).isZero();
  }

  @Test
  void aFeatureOutsideTheCatalogGetsRowsWhileUsedInTheWindow() {
    adoption.onLifecycle("a", entry(EventType.TENANT_SIGNED_UP, D0, "pro"), now, rows::add);
    adoption.onFeatureDay("u", D0 + DAY, "beta_x", now, rows::add); // a tenant without a plan
    closeAll(D0 + 32 * DAY);
    assertThat(row(D0, "pro", "beta_x")).isNull();
    FeatureAdoptionRow seen = row(D0 + DAY, "pro", "beta_x");
    assertThat(seen.inCatalog()).isFalse();
    assertThat(seen.adoptingTenants()).isZero();
    assertThat(row(D0 + DAY, "pro", "sso").inCatalog()).isTrue();
    assertThat(row(D0 + 30 * DAY, "pro", "beta_x")).isNotNull();
    assertThat(row(D0 + 31 * DAY, "pro", "beta_x")).isNull();
  }

  @Test
  void aLateFeatureFactReemitsTheClosedDayWithAHigherVersion() {
    adoption.onLifecycle("a", entry(EventType.TENANT_SIGNED_UP, D0, "pro"), now, rows::add);
    adoption.onActiveHour(D0 + DAY, now, rows::add);
    adoption.closeUpTo(D0 + DAY + 10 * 60_000, Long.MAX_VALUE, ++now, rows::add);
    FeatureAdoptionRow before = row(D0, "pro", "api");
    int emitted = rows.size();
    adoption.onFeatureDay("a", D0, "api", ++now, rows::add);
    FeatureAdoptionRow after = row(D0, "pro", "api");
    assertThat(after.adoptingTenants()).isEqualTo(1);
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(rows).hasSize(emitted + 1);
  }

  @Test
  void aRestoredAggregatorKeepsItsCountsAndVersions() {
    adoption.onLifecycle("a", entry(EventType.TENANT_SIGNED_UP, D0, "pro"), now, rows::add);
    adoption.onFeatureDay("a", D0, "sso", now, rows::add);
    adoption.onActiveHour(D0 + DAY, now, rows::add);
    adoption.closeUpTo(D0 + DAY, Long.MAX_VALUE, ++now, rows::add);
    FeatureAdoptionRow before = row(D0, "pro", "sso");
    FeatureAdoption restored = new FeatureAdoption(CATALOG, HOUR, 6 * HOUR, EmitRange.ALL);
    restored.restore(adoption.snapshot());
    restored.onLifecycle("b", entry(EventType.TENANT_SIGNED_UP, D0 + 5, "pro"), 1, rows::add);
    FeatureAdoptionRow after = row(D0, "pro", "sso");
    assertThat(after.planTenants()).isEqualTo(2);
    assertThat(after.adoptingTenants()).isEqualTo(1);
    assertThat(after.version()).isGreaterThan(before.version());
    assertThat(Instant.ofEpochMilli(restored.lastClosed())).isEqualTo(Instant.ofEpochMilli(D0));
  }

  @Test
  void forgettingATenantNeverSeenEmitsNothing() {
    adoption.onLifecycle("acme", entry(EventType.TENANT_SIGNED_UP, D0, "pro"), now, rows::add);
    adoption.onFeatureDay("acme", D0, "sso", now, rows::add);
    adoption.forget("ACME", ++now, rows::add); // before any close
    closeAll(D0 + 3 * DAY);
    int emitted = rows.size();
    adoption.forget("ACME", ++now, rows::add);
    adoption.forget("acme2", ++now, rows::add);
    adoption.forget("acm", ++now, rows::add);
    assertThat(rows).hasSize(emitted);
    assertThat(row(D0, "pro", "sso").adoptingTenants()).isEqualTo(1);
  }

  @Test
  void aForgottenTenantLeavesTheClosedDaysAndTheDaysClosedLater() {
    adoption.onLifecycle("acme", entry(EventType.TENANT_SIGNED_UP, D0, "pro"), now, rows::add);
    adoption.onLifecycle("b", entry(EventType.TENANT_SIGNED_UP, D0, "pro"), now, rows::add);
    adoption.onFeatureDay("acme", D0, "sso", now, rows::add);
    adoption.onFeatureDay("acme", D0, "beta_x", now, rows::add); // outside the catalog, only acme
    adoption.onFeatureDay("b", D0, "api", now, rows::add);
    adoption.onActiveHour(D0 + DAY, now, rows::add);
    adoption.closeUpTo(D0 + DAY - 1, Long.MAX_VALUE, ++now, rows::add);
    FeatureAdoptionRow before = row(D0, "pro", "sso");
    int emitted = rows.size();

    adoption.forget("acme", ++now, rows::add);

    FeatureAdoptionRow after = row(D0, "pro", "sso");
    assertThat(after.planTenants()).isEqualTo(1);
    assertThat(after.adoptingTenants()).isZero();
    assertThat(after.version()).isGreaterThan(before.version());
    // A replacing table cannot delete a row: the feature only acme used is written with no adopter.
    assertThat(row(D0, "pro", "beta_x").adoptingTenants()).isZero();
    assertThat(row(D0, "pro", "api").adoptionRatio()).isEqualTo(1.0);
    assertThat(rows).hasSize(emitted + 3); // the pro rows (sso, api, beta_x): starter had none
    closeAll(D0 + 2 * DAY);
    assertThat(row(D0 + DAY, "pro", "sso").adoptingTenants()).isZero();
    assertThat(row(D0 + DAY, "pro", "beta_x")).isNull();
  }

  static final CatalogView WIDE_CATALOG =
      new CatalogView(
          List.of("starter", "pro", "enterprise"),
          List.of("sso", "api", "export", "audit"),
          "first_value",
          "completed");
  static final String ERASED = "acme";
  static final int DAYS = 40;
  static final int FORGET_AFTER_DAY = 29;

  /**
   * The defining property: after a forget, the newest row of every (day, plan, feature) is the row
   * of an aggregator that never saw the tenant, on the days already closed (re-emitted by the
   * forget) and on those closed later; a row written before the forget only for the tenant is left
   * with no adopters (a replacing table cannot delete it).
   */
  @Test
  void afterAForgetTheRowsAreThoseOfAnAggregatorThatNeverSawTheTenant() {
    List<ArrivingFact> facts = generatedFacts(new Random(20_251_207L));
    List<FeatureAdoptionRow> forgetful = new ArrayList<>();
    List<FeatureAdoptionRow> fresh = new ArrayList<>();
    int forgetAt = replay(facts, true, forgetful);
    replay(facts.stream().filter(f -> !f.fact().tenantId().equals(ERASED)).toList(), false, fresh);

    Map<List<Object>, FeatureAdoptionRow> got = newestByKey(forgetful);
    Map<List<Object>, FeatureAdoptionRow> expected = newestByKey(fresh);
    assertThat(expected).hasSizeGreaterThan(DAYS * 3 * 4); // non-catalog features too
    expected.forEach(
        (key, row) ->
            assertThat(got.get(key))
                .as("%s", key)
                .isNotNull()
                .matches(row::sameValues, "same values as " + row));
    Map<List<Object>, FeatureAdoptionRow> beforeForget =
        newestByKey(forgetful.subList(0, forgetAt));
    got.forEach(
        (key, row) -> {
          if (!expected.containsKey(key)) {
            assertThat(beforeForget).as("%s, closed after the forget", key).containsKey(key);
            assertThat(row.adoptingTenants()).as("%s, only the erased tenant's", key).isZero();
          }
        });
    // Before the forget the erased tenant adopted the features only it uses: no vacuous pass.
    assertThat(beforeForget.values())
        .filteredOn(r -> r.feature().equals("audit") && r.adoptingTenants() > 0)
        .isNotEmpty();
    assertThat(beforeForget.values())
        .filteredOn(r -> r.feature().equals("beta_acme") && r.adoptingTenants() > 0)
        .isNotEmpty();
  }

  /** A fact and the day whose end closes after it arrives. */
  record ArrivingFact(int arrivalDay, TenantFact fact) {}

  /**
   * Feeds the facts day by day, closing each day at its end, with a lateness that keeps every day
   * recountable; with {@code forget}, forgets {@link #ERASED} after day {@link #FORGET_AFTER_DAY}
   * closed and feeds none of its facts after that. Answers how many rows came before the forget.
   */
  static int replay(List<ArrivingFact> facts, boolean forget, List<FeatureAdoptionRow> out) {
    FeatureAdoption aggregator = new FeatureAdoption(WIDE_CATALOG, 60 * DAY, 0, EmitRange.ALL);
    long clock = 100;
    int forgetAt = -1;
    for (int day = 0; day < DAYS; day++) {
      for (ArrivingFact f : facts) {
        boolean erased = forget && day > FORGET_AFTER_DAY && f.fact().tenantId().equals(ERASED);
        if (f.arrivalDay() == day && !erased) {
          feed(aggregator, f.fact(), ++clock, out::add);
        }
      }
      aggregator.closeUpTo(D0 + (day + 1) * DAY - 1, Long.MAX_VALUE, ++clock, out::add);
      if (forget && day == FORGET_AFTER_DAY) {
        forgetAt = out.size();
        feed(aggregator, TenantFact.forget(ERASED, D0 + (day + 1) * DAY), ++clock, out::add);
      }
    }
    return forgetAt;
  }

  /** What {@link FeatureAdoptionFunction} does with a fact. */
  static void feed(
      FeatureAdoption aggregator, TenantFact fact, long clock, Consumer<FeatureAdoptionRow> out) {
    switch (fact.kind()) {
      case ACTIVE_HOUR -> aggregator.onActiveHour(fact.time(), clock, out);
      case FEATURE_DAY ->
          aggregator.onFeatureDay(fact.tenantId(), fact.time(), fact.feature(), clock, out);
      case LIFECYCLE -> aggregator.onLifecycle(fact.tenantId(), fact.lifecycle(), clock, out);
      case FORGET -> aggregator.forget(fact.tenantId(), clock, out);
      default -> throw new IllegalArgumentException(fact.toString());
    }
  }

  /**
   * 20 tenants (look-alike ids among them) over {@link #DAYS} days: signups, plan changes and
   * churns, active hours and feature days, some arriving a few days late. Only the erased tenant
   * (which signs up early and never churns) uses {@code audit} and {@code beta_acme}; one tenant
   * never signs up.
   */
  static List<ArrivingFact> generatedFacts(Random random) {
    List<String> tenants = new ArrayList<>(List.of(ERASED, "acme2", "ACME", "acme ", "no-plan"));
    for (int i = 0; tenants.size() < 20; i++) {
      tenants.add("t" + i);
    }
    List<ArrivingFact> facts = new ArrayList<>();
    // Another tenant is active from the first hour, so both aggregators start on the same day.
    facts.add(new ArrivingFact(0, TenantFact.activeHour("t0", D0)));
    for (String tenant : tenants) {
      if (!tenant.equals("no-plan")) {
        facts.addAll(lifecycleOf(tenant, random));
      }
      facts.addAll(usageOf(tenant, random));
    }
    return facts;
  }

  static List<ArrivingFact> lifecycleOf(String tenant, Random random) {
    List<String> plans = WIDE_CATALOG.plans();
    List<ArrivingFact> facts = new ArrayList<>();
    long signup =
        D0 + random.nextInt(tenant.equals(ERASED) ? 3 : 10) * DAY + random.nextInt(24) * HOUR;
    facts.add(
        arriving(
            signup,
            random,
            lifecycleFact(
                tenant, EventType.TENANT_SIGNED_UP, signup, plans.get(random.nextInt(3)))));
    long change = signup + (1 + random.nextInt(25)) * DAY;
    facts.add(
        arriving(
            change,
            random,
            lifecycleFact(tenant, EventType.PLAN_CHANGED, change, plans.get(random.nextInt(3)))));
    // The erased tenant stays a customer, so it counts in the rows until it is forgotten.
    if (!tenant.equals(ERASED) && random.nextInt(4) == 0) {
      long churn = change + random.nextInt(10) * DAY + HOUR;
      facts.add(
          arriving(churn, random, lifecycleFact(tenant, EventType.TENANT_CHURNED, churn, null)));
    }
    return facts;
  }

  static List<ArrivingFact> usageOf(String tenant, Random random) {
    List<String> features =
        tenant.equals(ERASED)
            ? List.of("sso", "api", "export", "audit", "beta_shared", "beta_acme")
            : List.of("sso", "api", "export", "beta_shared");
    boolean heavy = tenant.equals(ERASED); // so that it adopts its own features before the forget
    List<ArrivingFact> facts = new ArrayList<>();
    for (int day = 0; day < DAYS; day++) {
      long dayStart = D0 + day * DAY;
      if (random.nextInt(3) == 0) {
        continue;
      }
      long hour = dayStart + random.nextInt(24) * HOUR;
      facts.add(arriving(hour, random, TenantFact.activeHour(tenant, hour)));
      for (String feature : features) {
        if (random.nextInt(heavy ? 2 : 5) == 0) {
          facts.add(arriving(dayStart, random, TenantFact.featureDay(tenant, dayStart, feature)));
        }
      }
    }
    return facts;
  }

  static TenantFact lifecycleFact(String tenant, EventType type, long at, String plan) {
    return TenantFact.lifecycle(tenant, entry(type, at, plan));
  }

  /** Arrives on its own day, or one in ten a few days late (within the lateness). */
  static ArrivingFact arriving(long time, Random random, TenantFact fact) {
    int day = (int) ((time - D0) / DAY);
    int late = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0;
    return new ArrivingFact(day + late, fact);
  }

  /** The row of the highest version of every (day, plan, feature). */
  static Map<List<Object>, FeatureAdoptionRow> newestByKey(List<FeatureAdoptionRow> emitted) {
    Map<List<Object>, FeatureAdoptionRow> newest = new HashMap<>();
    emitted.forEach(
        r ->
            newest.merge(
                List.of(r.day(), r.plan(), r.feature()),
                r,
                (a, b) -> b.version() > a.version() ? b : a));
    return newest;
  }
}
