package dev.tenantpulse.tenancy.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.Feature;
import dev.tenantpulse.tenancy.catalog.OnboardingSteps;
import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.catalog.Price;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntitlementsTests {

  private final Entitlements entitlements = new Entitlements(PlanCatalog.defaultCatalog());

  @Test
  void professionalPlanHasSso() {
    assertThat(entitlements.hasFeature("professional", "sso")).isTrue();
    assertThat(entitlements.check("professional", "sso").allowed()).isTrue();
  }

  @Test
  void starterPlanLacksSsoAndProfessionalIsTheCheapestPlanWithIt() {
    EntitlementDecision decision = entitlements.check("starter", "sso");

    assertThat(entitlements.hasFeature("starter", "sso")).isFalse();
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.feature()).isEqualTo("sso");
    assertThat(decision.currentPlan()).isEqualTo("starter");
    assertThat(decision.requiredPlan()).map(Plan::id).contains("professional");
    assertThat(entitlements.cheapestPlanWith("sso")).map(Plan::id).contains("professional");
    assertThat(decision.upgradeMessage())
        .contains("This feature requires the Professional plan or higher");
  }

  @Test
  void auditLogsRequireTheEnterprisePlan() {
    EntitlementDecision decision = entitlements.check("professional", "audit_logs");

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.upgradeMessage())
        .contains("This feature requires the Enterprise plan or higher");
  }

  @Test
  void featureOfEveryPlanIsCheapestOnStarter() {
    assertThat(entitlements.cheapestPlanWith("api_access")).map(Plan::id).contains("starter");
  }

  @Test
  void unknownFeatureIsNotAllowedAndNamesNoPlan() {
    EntitlementDecision decision = entitlements.check("enterprise", "teleport");

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.requiredPlan()).isEmpty();
    assertThat(decision.upgradeMessage()).isEmpty();
    assertThat(entitlements.cheapestPlanWith("teleport")).isEmpty();
  }

  @Test
  void planUnknownToTheCatalogHasNoFeatures() {
    assertThat(entitlements.hasFeature("gold", "api_access")).isFalse();
    assertThat(entitlements.hasFeature(PlanCatalog.UNKNOWN_PLAN, "api_access")).isFalse();
    assertThat(entitlements.check("gold", "sso").upgradeMessage())
        .contains("This feature requires the Professional plan or higher");
  }

  @Test
  void allowedDecisionCarriesNoUpgradeMessage() {
    assertThat(entitlements.check("enterprise", "audit_logs").upgradeMessage()).isEmpty();
    assertThatThrownBy(() -> new EntitlementDecision(true, "sso", "professional", cheapest("sso")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cheapestPlanIsChosenByFlatPriceNotRankAndTiesGoToTheLowerRank() {
    Entitlements custom =
        new Entitlements(
            catalog(
                plan("legacy", 1, "500", "x"),
                plan("basic", 2, "100", "x", "y"),
                plan("growth", 3, "100", "y")));

    assertThat(custom.cheapestPlanWith("x")).map(Plan::id).contains("basic");
    assertThat(custom.cheapestPlanWith("y")).map(Plan::id).contains("basic");
  }

  private Optional<Plan> cheapest(String feature) {
    return entitlements.cheapestPlanWith(feature);
  }

  private static final Currency EUR = Currency.getInstance("EUR");

  private static Plan plan(String id, int rank, String flat, String... features) {
    Map<BillingModel, Price> prices =
        Map.of(
            BillingModel.FLAT, Price.flatMonthly(new BigDecimal(flat), EUR),
            BillingModel.PER_SEAT, Price.perSeatMonthly(BigDecimal.TEN, EUR),
            BillingModel.USAGE, Price.perUnit(new BigDecimal("0.01"), EUR, "api_calls"));
    return new Plan(id, id.toUpperCase(), rank, List.of(features), prices);
  }

  private static PlanCatalog catalog(Plan... plans) {
    List<Feature> features = List.of(new Feature("x", "Feature x"), new Feature("y", "Feature y"));
    OnboardingSteps steps = new OnboardingSteps(List.of("started", "done"), "started", "done");
    return new PlanCatalog(EUR, features, List.of(plans), steps);
  }
}
