package dev.tenantpulse.dashboards.boards;

import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.util.List;

/** Every Tenant Pulse dashboard, each written to {@code <uid>.json}. */
public final class Boards {

  private Boards() {}

  public static List<Dashboard> all(PlanCatalog catalog) {
    return List.of(
        TenantActivityDashboard.build(catalog),
        FeatureAdoptionDashboard.build(catalog),
        OnboardingDashboard.build(catalog),
        UsageBillingDashboard.build(catalog),
        TenantDashboard.build(catalog),
        ServiceHealthDashboard.build());
  }
}
