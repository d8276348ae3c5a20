package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.flink.metrics.active.ActiveHourByPlanRow;
import dev.tenantpulse.flink.metrics.active.ActiveHourRow;
import dev.tenantpulse.flink.metrics.adoption.FeatureAdoptionRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohortRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingTenantRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayByPlanRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayRow;
import dev.tenantpulse.flink.metrics.usage.UsageHourRow;
import dev.tenantpulse.flink.metrics.usage.UsageMonthRow;
import dev.tenantpulse.flink.tenant.TenantRow;
import java.time.Instant;
import java.util.List;

/** Rows without their computedAt and version, for comparing two runs. */
final class RowValues {

  private RowValues() {}

  static List<Object> of(List<Object> rows) {
    return rows.stream().map(RowValues::values).toList();
  }

  static Object values(Object row) {
    Instant z = Instant.EPOCH;
    if (row instanceof ActiveHourRow r) {
      return new ActiveHourRow(r.windowEnd(), r.active24h(), r.weeklyAvg(), r.dropRatio(), z, 0);
    } else if (row instanceof ActiveHourByPlanRow r) {
      return new ActiveHourByPlanRow(
          r.windowEnd(), r.plan(), r.active24h(), r.weeklyAvg(), r.dropRatio(), z, 0);
    } else if (row instanceof FeatureAdoptionRow r) {
      return new FeatureAdoptionRow(
          r.day(),
          r.plan(),
          r.feature(),
          r.inCatalog(),
          r.planTenants(),
          r.adoptingTenants(),
          r.adoptionRatio(),
          z,
          0);
    } else if (row instanceof OnboardingTenantRow r) {
      return new OnboardingTenantRow(
          r.tenantId(),
          r.signedUpAt(),
          r.cohortWeek(),
          r.signupPlan(),
          r.stepFirstAt(),
          r.completedAt(),
          r.completionSeconds(),
          r.completionNegative(),
          r.firstValueAt(),
          r.firstValueSeconds(),
          r.firstValueNegative(),
          z,
          0);
    } else if (row instanceof OnboardingCohortRow r) {
      return new OnboardingCohortRow(r.cohortWeek(), r.signups(), r.completion(), r.value(), z, 0);
    } else if (row instanceof UsageDayRow r) {
      return new UsageDayRow(r.day(), r.tenantId(), r.meter(), r.quantity(), z, 0);
    } else if (row instanceof UsageMonthRow r) {
      return new UsageMonthRow(r.month(), r.tenantId(), r.meter(), r.quantity(), z, 0);
    } else if (row instanceof UsageHourRow r) {
      return new UsageHourRow(r.hour(), r.tenantId(), r.meter(), r.quantity(), z, 0);
    } else if (row instanceof UsageDayByPlanRow r) {
      return new UsageDayByPlanRow(r.day(), r.plan(), r.meter(), r.quantity(), r.tenants(), z, 0);
    } else if (row instanceof TenantRow r) {
      return new TenantRow(
          r.tenantId(),
          r.plan(),
          r.billingModel(),
          r.tenancyModel(),
          r.seats(),
          r.signedUpAt(),
          r.planChangedAt(),
          r.churnedAt(),
          z,
          0);
    }
    throw new IllegalArgumentException("unknown row " + row);
  }
}
