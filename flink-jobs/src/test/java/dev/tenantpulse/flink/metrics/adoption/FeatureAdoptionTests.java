package dev.tenantpulse.flink.metrics.adoption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.CatalogView;
import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.tenant.LifecycleEntry;
import dev.tenantpulse.tenancy.events.EventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
}
