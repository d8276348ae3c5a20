package dev.tenantpulse.scenario.oracle;

import static dev.tenantpulse.scenario.oracle.HandEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureAdoptionOracleTests {

  private static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();

  private static ExpectedMetrics compute(HandEvents events) {
    return MetricOracle.computeEvents(events.list(), OracleOptions.streaming());
  }

  private static ExpectedFeatureAdoption row(
      ExpectedMetrics m, String day, String plan, String feature) {
    LocalDate d = LocalDate.parse(day);
    return m.featureAdoption().stream()
        .filter(r -> r.day().equals(d) && r.plan().equals(plan) && r.feature().equals(feature))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + day + " " + plan + " " + feature));
  }

  @Test
  void rowsForEveryCatalogPlanTimesCatalogFeaturesAndFeaturesSeenForEachClosedDay() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .signup("t1", "2026-01-05T09:00:00Z", "professional")
                .signup("t2", "2026-01-05T09:30:00Z", "professional")
                .feature("t1", "2026-01-05T10:00:00Z", "sso")
                .signup("t3", "2026-01-05T11:00:00Z", "starter")
                .feature("t3", "2026-01-05T12:00:00Z", "beta_dashboards")
                .activity("t1", "2026-01-07T00:30:00Z"));

    // Last emitted hour 2026-01-07T01:00: days 01-05 and 01-06 are closed, 01-07 is not.
    assertThat(m.featureAdoption())
        .extracting(ExpectedFeatureAdoption::day)
        .containsOnly(LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-06"));
    int features = CATALOG.featureIds().size() + 1;
    assertThat(m.featureAdoption()).hasSize(2 * CATALOG.planIds().size() * features);
    assertThat(row(m, "2026-01-05", "professional", "sso"))
        .isEqualTo(
            new ExpectedFeatureAdoption(
                LocalDate.parse("2026-01-05"), "professional", "sso", true, 2, 1, 0.5));
    assertThat(row(m, "2026-01-05", "starter", "beta_dashboards"))
        .isEqualTo(
            new ExpectedFeatureAdoption(
                LocalDate.parse("2026-01-05"), "starter", "beta_dashboards", false, 1, 1, 1.0));
    assertThat(row(m, "2026-01-05", "professional", "beta_dashboards").adoptingTenants()).isZero();
    assertThat(row(m, "2026-01-05", "enterprise", "sso"))
        .isEqualTo(
            new ExpectedFeatureAdoption(
                LocalDate.parse("2026-01-05"), "enterprise", "sso", true, 0, 0, null));
    // Catalog features first, in catalog order, then the ones only seen.
    assertThat(
            m.featureAdoption().stream()
                .filter(
                    r ->
                        r.day().equals(LocalDate.parse("2026-01-05")) && r.plan().equals("starter"))
                .map(ExpectedFeatureAdoption::feature)
                .toList())
        .startsWith(CATALOG.featureIds().toArray(String[]::new))
        .endsWith("beta_dashboards");
  }

  @Test
  void theWindowIsThirtyWholeDaysEndingWithTheDay() {
    HandEvents events =
        new HandEvents()
            .signup("t1", "2026-01-05T09:00:00Z", "starter")
            .feature("t1", "2026-01-05T23:59:59.999Z", "beta_dashboards")
            .feature("t1", "2026-01-05T23:59:59.999Z", "api_access")
            .activity("t1", "2026-02-06T00:30:00Z");

    ExpectedMetrics m = compute(events);

    // D = 02-03: [02-04 - 30d, 02-04) = [01-05, 02-04) still holds 01-05.
    assertThat(row(m, "2026-02-03", "starter", "beta_dashboards").adoptingTenants()).isEqualTo(1);
    assertThat(row(m, "2026-02-03", "starter", "api_access").adoptingTenants()).isEqualTo(1);
    // D = 02-04: [01-06, 02-05) no longer does; the unseen feature has no row, the catalog one has
    // 0.
    assertThat(m.featureAdoption())
        .filteredOn(r -> r.day().equals(LocalDate.parse("2026-02-04")))
        .extracting(ExpectedFeatureAdoption::feature)
        .doesNotContain("beta_dashboards");
    assertThat(row(m, "2026-02-04", "starter", "api_access").adoptingTenants()).isZero();
    assertThat(m.featureAdoption())
        .extracting(ExpectedFeatureAdoption::day)
        .contains(LocalDate.parse("2026-02-05"))
        .doesNotContain(LocalDate.parse("2026-02-06"));
  }

  @Test
  void planTenantsUseThePlanStrictlyBeforeTheDayEndAndLeaveOutChurnedTenants() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .signup("t1", "2026-01-05T09:00:00Z", "starter")
                .feature("t1", "2026-01-05T10:00:00Z", "webhooks")
                // At exactly the end of 01-05: not yet churned for that day.
                .churn("t1", "2026-01-06T00:00:00Z")
                .signup("t2", "2026-01-06T00:00:00Z", "enterprise")
                .signup("t1", "2026-01-08T10:00:00Z", "professional")
                .activity("t2", "2026-01-10T00:30:00Z"));

    assertThat(row(m, "2026-01-05", "starter", "webhooks"))
        .isEqualTo(
            new ExpectedFeatureAdoption(
                LocalDate.parse("2026-01-05"), "starter", "webhooks", true, 1, 1, 1.0));
    // t2 signed up at exactly the end of 01-05: not on a plan for that day yet.
    assertThat(row(m, "2026-01-05", "enterprise", "sso").planTenants()).isZero();
    assertThat(row(m, "2026-01-06", "enterprise", "sso").planTenants()).isEqualTo(1);
    // Churned on 01-06 and 01-07.
    assertThat(row(m, "2026-01-06", "starter", "webhooks").planTenants()).isZero();
    assertThat(row(m, "2026-01-06", "starter", "webhooks").adoptionRatio()).isNull();
    assertThat(row(m, "2026-01-07", "starter", "webhooks").planTenants()).isZero();
    assertThat(row(m, "2026-01-07", "professional", "webhooks").planTenants()).isZero();
    // Signed up again: counted under the new plan, and its use on the old plan still adopts.
    assertThat(row(m, "2026-01-08", "professional", "webhooks"))
        .isEqualTo(
            new ExpectedFeatureAdoption(
                LocalDate.parse("2026-01-08"), "professional", "webhooks", true, 1, 1, 1.0));
    assertThat(row(m, "2026-01-08", "starter", "webhooks").planTenants()).isZero();
  }

  @Test
  void tenantsWithoutAPlanAreNoPlansTenantsButTheirFeaturesStillGetRows() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .feature("t1", "2026-01-05T10:00:00Z", "labs_export")
                .signup("t2", "2026-01-05T11:00:00Z", "starter")
                .activity("t2", "2026-01-06T00:30:00Z"));

    assertThat(m.featureAdoption())
        .filteredOn(r -> r.feature().equals("labs_export"))
        .extracting(
            ExpectedFeatureAdoption::plan,
            ExpectedFeatureAdoption::planTenants,
            ExpectedFeatureAdoption::adoptingTenants)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("starter", 1L, 0L),
            org.assertj.core.groups.Tuple.tuple("professional", 0L, 0L),
            org.assertj.core.groups.Tuple.tuple("enterprise", 0L, 0L));
    assertThat(m.featureAdoption())
        .extracting(ExpectedFeatureAdoption::plan)
        .doesNotContain("unknown");
  }

  @Test
  void noDayIsClosedBeforeItsEndHasBeenEmitted() {
    ExpectedMetrics m =
        compute(
            new HandEvents()
                .signup("t1", "2026-01-05T09:00:00Z", "starter")
                .activity("t1", "2026-01-05T22:59:59.999Z"));

    assertThat(m.lastWindowEnd()).isEqualTo(at("2026-01-05T23:00:00Z"));
    assertThat(m.featureAdoption()).isEmpty();

    ExpectedMetrics closed =
        compute(
            new HandEvents()
                .signup("t1", "2026-01-05T09:00:00Z", "starter")
                .activity("t1", "2026-01-05T23:00:00Z"));
    assertThat(closed.lastWindowEnd()).isEqualTo(at("2026-01-06T00:00:00Z"));
    assertThat(closed.featureAdoption())
        .extracting(ExpectedFeatureAdoption::day)
        .containsOnly(LocalDate.parse("2026-01-05"));
    assertThat(List.copyOf(closed.featureAdoption()))
        .hasSize(CATALOG.planIds().size() * CATALOG.featureIds().size());
  }
}
