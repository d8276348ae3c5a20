package dev.tenantpulse.tenancy.catalog;

/**
 * A product feature plans can include.
 *
 * @param id catalog id, the value sent as {@code feature} in {@code feature_used} events
 * @param description what the feature is, for people reading dashboards and upgrade prompts
 */
public record Feature(String id, String description) {

  public Feature {
    CatalogId.require(id, "feature");
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("feature " + id + ": description must not be blank");
    }
  }
}
