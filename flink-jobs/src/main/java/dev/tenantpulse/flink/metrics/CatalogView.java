package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.io.Serializable;
import java.util.List;

/**
 * What the metric operators need of the {@link PlanCatalog}, as a serializable value shipped with
 * the operators (the catalog itself is not Serializable).
 *
 * @param plans catalog plan ids in rank order
 * @param features catalog feature ids in catalog order
 */
public record CatalogView(
    List<String> plans, List<String> features, String valueStep, String completionStep)
    implements Serializable {

  public CatalogView {
    plans = List.copyOf(plans);
    features = List.copyOf(features);
  }

  public static CatalogView of(PlanCatalog catalog) {
    return new CatalogView(
        catalog.planIds(), catalog.featureIds(), catalog.valueStep(), catalog.completionStep());
  }

  /** The plans of the per-plan active-tenant rows: the catalog plans, then {@code unknown}. */
  public List<String> plansWithUnknown() {
    return java.util.stream.Stream.concat(
            plans.stream(), java.util.stream.Stream.of(PlanCatalog.UNKNOWN_PLAN))
        .toList();
  }
}
