package dev.tenantpulse.tenancy.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCatalogTests {

  private static final Currency USD = Currency.getInstance("USD");
  private final PlanCatalog catalog = PlanCatalog.defaultCatalog();

  @Test
  void listsDefaultPlansInRankOrder() {
    assertThat(catalog.planIds()).containsExactly("starter", "professional", "enterprise");
    assertThat(catalog.plans()).extracting(Plan::rank).isSorted();
    assertThat(catalog.plans())
        .extracting(Plan::displayName)
        .containsExactly("Starter", "Professional", "Enterprise");
  }

  @Test
  void givesEachDefaultPlanItsFeatures() {
    assertThat(plan("starter").features())
        .containsExactly("api_access", "basic_reports", "email_support");
    assertThat(plan("professional").features())
        .containsExactly("api_access", "advanced_reports", "webhooks", "priority_support", "sso");
    assertThat(plan("enterprise").features())
        .containsExactly(
            "api_access",
            "advanced_reports",
            "webhooks",
            "priority_support",
            "sso",
            "custom_domain",
            "audit_logs",
            "dedicated_support",
            "sla_guarantee");
  }

  @Test
  void pricesEveryDefaultPlanForEveryBillingModelInUsd() {
    assertPrices("starter", "49", "10", "0.002");
    assertPrices("professional", "299", "25", "0.0015");
    assertPrices("enterprise", "1499", "60", "0.001");
    assertThat(catalog.currency()).isEqualTo(USD);
    assertThat(catalog.meters()).containsExactly("api_calls");
  }

  private void assertPrices(String planId, String flat, String perSeat, String perCall) {
    Plan plan = plan(planId);
    assertThat(plan.price(BillingModel.FLAT).amount()).isEqualByComparingTo(flat);
    assertThat(plan.price(BillingModel.PER_SEAT).amount()).isEqualByComparingTo(perSeat);
    Price usage = plan.price(BillingModel.USAGE);
    assertThat(usage.amount()).isEqualByComparingTo(perCall);
    assertThat(usage.meter()).isEqualTo("api_calls");
    assertThat(plan.prices().values()).allSatisfy(p -> assertThat(p.currency()).isEqualTo(USD));
  }

  @Test
  void definesExactlyTheUnionOfPlanFeaturesWithDescriptions() {
    Set<String> union = new LinkedHashSet<>();
    catalog.plans().forEach(plan -> union.addAll(plan.features()));
    assertThat(catalog.featureIds()).containsExactlyInAnyOrderElementsOf(union);
    assertThat(catalog.features()).allSatisfy(f -> assertThat(f.description()).isNotBlank());
    assertThat(catalog.isKnownFeature("sso")).isTrue();
    assertThat(catalog.feature("teleport")).isEmpty();
  }

  @Test
  void ordersOnboardingStepsAndNamesValueAndCompletionSteps() {
    assertThat(catalog.onboardingSteps())
        .containsExactly(
            "account_created", "team_invited", "data_connected", "first_value", "completed");
    assertThat(catalog.valueStep()).isEqualTo("first_value");
    assertThat(catalog.completionStep()).isEqualTo("completed");
    assertThat(catalog.isKnownStep("team_invited")).isTrue();
    assertThat(catalog.isKnownStep("graduated")).isFalse();
  }

  @Test
  void answersLookupsForUnknownIdsWithoutFailing() {
    assertThat(catalog.plan("gold")).isEmpty();
    assertThat(catalog.isKnownPlan("gold")).isFalse();
    assertThat(catalog.isKnownPlan(null)).isFalse();
    assertThat(catalog.isKnownPlan(PlanCatalog.UNKNOWN_PLAN)).isFalse();
  }

  @Test
  void loadsTheDefaultCatalogOnce() {
    assertThat(PlanCatalog.defaultCatalog()).isSameAs(catalog);
  }

  @Test
  void exposesOnlyImmutableCollections() {
    assertThatThrownBy(() -> catalog.plans().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> plan("starter").features().add("sso"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> plan("starter").prices().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void loadsACustomisedCatalogFromAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("catalog.json");
    try (InputStream in = PlanCatalog.class.getResourceAsStream(PlanCatalog.DEFAULT_RESOURCE)) {
      Files.write(file, in.readAllBytes());
    }

    PlanCatalog loaded = PlanCatalog.load(file);

    assertThat(loaded.plans()).isEqualTo(catalog.plans());
    assertThat(loaded.features()).isEqualTo(catalog.features());
    assertThat(loaded.onboarding()).isEqualTo(catalog.onboarding());
  }

  @Test
  void refusesACatalogBuiltInCodeWithAPlanListingAnUnknownFeature() {
    Map<BillingModel, Price> prices =
        Map.of(
            BillingModel.FLAT, Price.flatMonthly(BigDecimal.ONE, USD),
            BillingModel.PER_SEAT, Price.perSeatMonthly(BigDecimal.ONE, USD),
            BillingModel.USAGE, Price.perUnit(BigDecimal.ONE, USD, "api_calls"));
    Plan plan = new Plan("solo", "Solo", 1, List.of("teleport"), prices);
    OnboardingSteps steps = new OnboardingSteps(List.of("done"), "done", "done");

    assertThatThrownBy(() -> new PlanCatalog(USD, List.of(), List.of(plan), steps))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("plan \"solo\" lists unknown feature \"teleport\"");
  }

  @Test
  void refusesAPlanWithoutAPriceForEveryBillingModel() {
    Map<BillingModel, Price> prices =
        Map.of(BillingModel.FLAT, Price.flatMonthly(BigDecimal.ONE, USD));

    assertThatThrownBy(() -> new Plan("solo", "Solo", 1, List.of(), prices))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plan solo: missing price for billing model per_seat");
  }

  private Plan plan(String id) {
    return catalog.plan(id).orElseThrow();
  }
}
