package dev.tenantpulse.tenancy.catalog;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules that span several catalog elements (each element checks itself in its constructor).
 * Returns every broken rule rather than the first, see {@link InvalidCatalogException}.
 */
final class CatalogRules {

  private CatalogRules() {}

  static List<String> problems(Currency currency, List<Feature> features, List<Plan> plans) {
    List<String> problems = new ArrayList<>();
    Set<String> featureIds = new HashSet<>();
    for (Feature feature : features) {
      if (!featureIds.add(feature.id())) {
        problems.add("duplicate feature id \"" + feature.id() + '"');
      }
    }
    if (plans.isEmpty()) {
      problems.add("the catalog defines no plans");
    }
    Set<String> planIds = new HashSet<>();
    Map<Integer, String> planByRank = new HashMap<>();
    for (Plan plan : plans) {
      if (!planIds.add(plan.id())) {
        problems.add("duplicate plan id \"" + plan.id() + '"');
      }
      if (PlanCatalog.UNKNOWN_PLAN.equals(plan.id())) {
        problems.add(
            "plan id \"unknown\" is reserved: the metrics use it for tenants without a plan");
      }
      String sameRank = planByRank.putIfAbsent(plan.rank(), plan.id());
      if (sameRank != null) {
        problems.add(
            "plans \""
                + sameRank
                + "\" and \""
                + plan.id()
                + "\" share rank "
                + plan.rank()
                + "; ranks order the upgrade ladder and must be unique");
      }
      for (String feature : plan.features()) {
        if (!featureIds.contains(feature)) {
          problems.add(
              "plan \""
                  + plan.id()
                  + "\" lists unknown feature \""
                  + feature
                  + "\" (not in features)");
        }
      }
      for (Price price : plan.prices().values()) {
        if (!price.currency().equals(currency)) {
          problems.add(
              "plan \""
                  + plan.id()
                  + "\": "
                  + price.billingModel().wireName()
                  + " price is in "
                  + price.currency()
                  + " but the catalog's currency is "
                  + currency
                  + " (plans are compared by price)");
        }
      }
    }
    return problems;
  }

  /** Each meter and each Stripe event name exported once: two rows would bill usage twice. */
  static List<String> billingMeterProblems(List<BillingMeter> billingMeters) {
    List<String> problems = new java.util.ArrayList<>();
    java.util.Set<String> meters = new java.util.HashSet<>();
    java.util.Set<String> eventNames = new java.util.HashSet<>();
    for (BillingMeter m : billingMeters) {
      if (!meters.add(m.meter())) {
        problems.add("billing_meters: meter " + m.meter() + " is listed twice");
      }
      if (!eventNames.add(m.stripeEventName())) {
        problems.add("billing_meters: stripe_event_name " + m.stripeEventName() + " is used twice");
      }
    }
    return problems;
  }
}
