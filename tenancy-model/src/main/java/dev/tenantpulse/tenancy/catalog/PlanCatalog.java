package dev.tenantpulse.tenancy.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one plan catalog: plans, their features and prices, and the onboarding steps. Every module
 * reads plans from here; none keeps its own list.
 *
 * <p>Immutable and thread-safe. A catalog validates itself on construction and refuses to exist
 * with dangling references, duplicate ids or prices in another currency, so a customised catalog
 * with a mistake stops start-up instead of skewing metrics.
 */
public final class PlanCatalog {

  /** Classpath location of the default catalog. */
  public static final String DEFAULT_RESOURCE = "/dev/tenantpulse/tenancy/catalog/catalog.json";

  /** The plan the metrics assign to tenants without a signup or plan change; never a catalog id. */
  public static final String UNKNOWN_PLAN = "unknown";

  private static volatile PlanCatalog defaultCatalog;

  private final Currency currency;
  private final Map<String, Plan> plansById;
  private final Map<String, Feature> featuresById;
  private final OnboardingSteps onboarding;
  private final Set<String> meters;
  private final Map<String, BillingMeter> billingMeters;

  /** A catalog without billing meters: no usage is exported to Stripe. */
  public PlanCatalog(
      Currency currency, List<Feature> features, List<Plan> plans, OnboardingSteps onboarding) {
    this(currency, features, plans, onboarding, List.of());
  }

  /**
   * Builds a catalog from its parts; throws {@link InvalidCatalogException} listing every rule the
   * parts break together (each part has validated itself already).
   */
  public PlanCatalog(
      Currency currency,
      List<Feature> features,
      List<Plan> plans,
      OnboardingSteps onboarding,
      List<BillingMeter> billingMeters) {
    this.currency = Objects.requireNonNull(currency, "currency");
    this.onboarding = Objects.requireNonNull(onboarding, "onboarding");
    List<String> problems =
        new java.util.ArrayList<>(
            CatalogRules.problems(currency, List.copyOf(features), List.copyOf(plans)));
    problems.addAll(CatalogRules.billingMeterProblems(List.copyOf(billingMeters)));
    if (!problems.isEmpty()) {
      throw new InvalidCatalogException("(built in code)", problems);
    }
    this.featuresById = index(features, Feature::id);
    this.plansById =
        index(plans.stream().sorted(Comparator.comparingInt(Plan::rank)).toList(), Plan::id);
    Set<String> priced = new LinkedHashSet<>();
    plansById.values().forEach(plan -> priced.add(plan.price(BillingModel.USAGE).meter()));
    this.meters = Collections.unmodifiableSet(priced);
    this.billingMeters = index(billingMeters, BillingMeter::meter);
  }

  private static <T> Map<String, T> index(List<T> values, Function<T, String> id) {
    Map<String, T> byId = new LinkedHashMap<>();
    values.forEach(value -> byId.put(id.apply(value), value));
    return Collections.unmodifiableMap(byId);
  }

  /** The catalog shipped in this module ({@link #DEFAULT_RESOURCE}), loaded once. */
  public static PlanCatalog defaultCatalog() {
    PlanCatalog catalog = defaultCatalog;
    if (catalog == null) {
      synchronized (PlanCatalog.class) {
        catalog = defaultCatalog;
        if (catalog == null) {
          catalog = loadDefault();
          defaultCatalog = catalog;
        }
      }
    }
    return catalog;
  }

  private static PlanCatalog loadDefault() {
    try (InputStream in = PlanCatalog.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "default catalog missing from classpath: " + DEFAULT_RESOURCE);
      }
      return CatalogReader.read(in, DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read default catalog " + DEFAULT_RESOURCE, e);
    }
  }

  /** Loads a catalog in the JSON format of the default one; the caller closes the stream. */
  public static PlanCatalog load(InputStream json, String sourceName) {
    return CatalogReader.read(json, sourceName);
  }

  /** Loads a catalog file, for operators who customise plans. */
  public static PlanCatalog load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return CatalogReader.read(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plan catalog " + file, e);
    }
  }

  /** The currency every price is in. */
  public Currency currency() {
    return currency;
  }

  /** Plans in rank order, cheapest tier first. */
  public List<Plan> plans() {
    return List.copyOf(plansById.values());
  }

  public Optional<Plan> plan(String id) {
    return Optional.ofNullable(plansById.get(id));
  }

  /** Plan ids in rank order. */
  public List<String> planIds() {
    return List.copyOf(plansById.keySet());
  }

  public boolean isKnownPlan(String id) {
    return plansById.containsKey(id);
  }

  /** Features in catalog order. */
  public List<Feature> features() {
    return List.copyOf(featuresById.values());
  }

  public Optional<Feature> feature(String id) {
    return Optional.ofNullable(featuresById.get(id));
  }

  public List<String> featureIds() {
    return List.copyOf(featuresById.keySet());
  }

  public boolean isKnownFeature(String id) {
    return featuresById.containsKey(id);
  }

  public OnboardingSteps onboarding() {
    return onboarding;
  }

  /** Onboarding step ids in funnel order. */
  public List<String> onboardingSteps() {
    return onboarding.steps();
  }

  public String valueStep() {
    return onboarding.valueStep();
  }

  public String completionStep() {
    return onboarding.completionStep();
  }

  public boolean isKnownStep(String step) {
    return onboarding.contains(step);
  }

  /** The meters some plan prices usage by; events may report other meters too. */
  public Set<String> meters() {
    return meters;
  }

  /** The meters exported to Stripe Billing Meters, in catalog order. */
  public List<BillingMeter> billingMeters() {
    return List.copyOf(billingMeters.values());
  }

  /** How {@code meter} is billed through Stripe; empty when it is not exported. */
  public Optional<BillingMeter> billingMeter(String meter) {
    return Optional.ofNullable(billingMeters.get(meter));
  }

  @Override
  public String toString() {
    return "PlanCatalog" + planIds();
  }
}
