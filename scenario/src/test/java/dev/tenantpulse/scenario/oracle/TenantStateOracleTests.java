package dev.tenantpulse.scenario.oracle;

import static dev.tenantpulse.scenario.oracle.HandEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import org.junit.jupiter.api.Test;

class TenantStateOracleTests {

  private static ExpectedTenant tenant(ExpectedMetrics m, String id) {
    return m.tenants().stream()
        .filter(t -> t.tenantId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no tenant " + id));
  }

  @Test
  void stateAfterAllEventsInTimestampOrderNotArrivalOrder() {
    ExpectedMetrics m =
        MetricOracle.computeEvents(
            new HandEvents()
                .signup(
                    "t1",
                    "2026-01-05T10:00:00Z",
                    "starter",
                    BillingModel.FLAT,
                    TenancyModel.POOL,
                    5)
                .planChange("t1", "2026-01-05T11:00:00Z", "professional") // sends no billing data
                .churn("t1", "2026-01-05T12:00:00Z")
                // Arrives last but happened first: the later plan stays current.
                .planChange("t2", "2026-01-05T11:30:00Z", "enterprise")
                .signup(
                    "t2",
                    "2026-01-05T11:20:00Z",
                    "starter",
                    BillingModel.PER_SEAT,
                    TenancyModel.SILO,
                    3)
                .activity("t3", "2026-01-05T11:40:00Z")
                .list(),
            OracleOptions.streaming());

    assertThat(tenant(m, "t1"))
        .isEqualTo(
            new ExpectedTenant(
                "t1",
                "professional",
                "flat",
                "pool",
                5,
                at("2026-01-05T10:00:00Z"),
                at("2026-01-05T11:00:00Z"),
                at("2026-01-05T12:00:00Z")));
    assertThat(tenant(m, "t2"))
        .isEqualTo(
            new ExpectedTenant(
                "t2",
                "enterprise",
                "per_seat",
                "silo",
                3,
                at("2026-01-05T11:20:00Z"),
                at("2026-01-05T11:30:00Z"),
                null));
    assertThat(tenant(m, "t3"))
        .isEqualTo(new ExpectedTenant("t3", "unknown", null, null, null, null, null, null));
    assertThat(m.tenants()).extracting(ExpectedTenant::tenantId).containsExactly("t1", "t2", "t3");
  }

  @Test
  void aSignupAfterAChurnEndsTheChurnButNotTheFirstSignupTime() {
    ExpectedMetrics m =
        MetricOracle.computeEvents(
            new HandEvents()
                .signup("t1", "2026-01-05T10:00:00Z", "starter")
                .churn("t1", "2026-01-06T10:00:00Z")
                .signup("t1", "2026-01-06T12:00:00Z", "enterprise")
                .churn("t2", "2026-01-06T12:30:00Z")
                .list(),
            OracleOptions.streaming());

    assertThat(tenant(m, "t1"))
        .isEqualTo(
            new ExpectedTenant(
                "t1",
                "enterprise",
                null,
                null,
                null,
                at("2026-01-05T10:00:00Z"),
                at("2026-01-06T12:00:00Z"),
                null));
    // A churn with no plan event before it is later than none: churned, plan unknown.
    assertThat(tenant(m, "t2").churnedAt()).isEqualTo(at("2026-01-06T12:30:00Z"));
    assertThat(tenant(m, "t2").plan()).isEqualTo("unknown");
  }
}
