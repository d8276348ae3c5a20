package dev.tenantpulse.dashboards;

import dev.tenantpulse.scenario.oracle.ExpectedEvent;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.ExpectedTenant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scenario tenant the tests type into the tenant board's text box: one for which every panel
 * has something to show, so a query that returns nothing fails. The board itself opens with an
 * empty text box.
 */
public final class DrillDownTenant {

  private DrillDownTenant() {}

  /**
   * The first tenant, by id, billed by usage (its charge is not empty), not churned, that changed
   * plan after signing up, used features, sent usage and has an onboarding row.
   */
  public static String of(ExpectedMetrics m) {
    Set<String> changedPlan = tenantsWith(m, "plan_changed");
    Set<String> usedFeatures = tenantsWith(m, "feature_used");
    Set<String> onboarding =
        m.onboardingTenants().stream().map(t -> t.tenantId()).collect(Collectors.toSet());
    Set<String> metered = m.usageDays().stream().map(u -> u.tenantId()).collect(Collectors.toSet());
    return m.tenants().stream()
        .filter(t -> "usage".equals(t.billingModel()) && t.churnedAt() == null)
        .map(ExpectedTenant::tenantId)
        .filter(changedPlan::contains)
        .filter(usedFeatures::contains)
        .filter(onboarding::contains)
        .filter(metered::contains)
        .sorted()
        .findFirst()
        .orElseThrow(() -> new AssertionError("no scenario tenant shows on every panel"));
  }

  private static Set<String> tenantsWith(ExpectedMetrics m, String type) {
    return m.events().stream()
        .filter(e -> e.type().equals(type))
        .map(ExpectedEvent::tenantId)
        .collect(Collectors.toSet());
  }
}
