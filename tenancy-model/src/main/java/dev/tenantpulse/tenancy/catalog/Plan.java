package dev.tenantpulse.tenancy.catalog;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A plan of the catalog.
 *
 * <p>A plan has a price for every {@link BillingModel}: the billing model is chosen per tenant (it
 * arrives in {@code tenant_signed_up} / {@code plan_changed} events), so a plan without one of them
 * could not be billed for some tenants. Features are not assumed to be cumulative across ranks (a
 * higher plan may replace {@code basic_reports} with {@code advanced_reports}).
 *
 * @param id catalog id, the value sent as {@code plan} in events
 * @param displayName the name shown to people, for example in upgrade messages
 * @param rank position in the upgrade ladder, lower is cheaper and smaller; unique per catalog
 * @param features the ids of the features the plan includes, in catalog order
 * @param prices one price per billing model
 */
public record Plan(
    String id,
    String displayName,
    int rank,
    List<String> features,
    Map<BillingModel, Price> prices) {

  public Plan {
    CatalogId.require(id, "plan");
    if (displayName == null || displayName.isBlank()) {
      throw new IllegalArgumentException("plan " + id + ": display name must not be blank");
    }
    if (rank < 0) {
      throw new IllegalArgumentException("plan " + id + ": rank must be >= 0, got " + rank);
    }
    features = List.copyOf(Objects.requireNonNull(features, "features"));
    Set<String> seen = new HashSet<>();
    for (String feature : features) {
      CatalogId.require(feature, "plan " + id + ": feature");
      if (!seen.add(feature)) {
        throw new IllegalArgumentException("plan " + id + " lists feature " + feature + " twice");
      }
    }
    prices = checkedPrices(id, Objects.requireNonNull(prices, "prices"));
  }

  private static Map<BillingModel, Price> checkedPrices(String id, Map<BillingModel, Price> given) {
    EnumMap<BillingModel, Price> copy = new EnumMap<>(BillingModel.class);
    for (BillingModel model : BillingModel.values()) {
      Price price = given.get(model);
      if (price == null) {
        throw new IllegalArgumentException(
            "plan " + id + ": missing price for billing model " + model.wireName());
      }
      if (price.billingModel() != model) {
        throw new IllegalArgumentException(
            "plan "
                + id
                + ": the "
                + model.wireName()
                + " entry holds a "
                + price.billingModel().wireName()
                + " price");
      }
      copy.put(model, price);
    }
    return Collections.unmodifiableMap(copy);
  }

  /** Whether the plan includes the feature. */
  public boolean hasFeature(String featureId) {
    return features.contains(featureId);
  }

  /** The plan's price under {@code model}; never null. */
  public Price price(BillingModel model) {
    return prices.get(Objects.requireNonNull(model, "model"));
  }

  /** The flat monthly amount, the price plans are compared by ("cheapest plan"). */
  public BigDecimal flatMonthlyAmount() {
    return price(BillingModel.FLAT).amount();
  }
}
