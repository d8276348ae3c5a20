package dev.tenantpulse.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.active.ActiveHourByPlanRow;
import dev.tenantpulse.flink.metrics.active.ActiveHourRow;
import dev.tenantpulse.flink.metrics.adoption.FeatureAdoptionRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohortRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingTenantRow;
import dev.tenantpulse.flink.metrics.onboarding.StepStats;
import dev.tenantpulse.flink.metrics.usage.UsageDayByPlanRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayRow;
import dev.tenantpulse.flink.metrics.usage.UsageHourRow;
import dev.tenantpulse.flink.metrics.usage.UsageMonthRow;
import dev.tenantpulse.flink.tenant.TenantRow;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedActiveHour;
import dev.tenantpulse.scenario.oracle.ExpectedActiveHourByPlan;
import dev.tenantpulse.scenario.oracle.ExpectedFeatureAdoption;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.ExpectedOnboardingCohort;
import dev.tenantpulse.scenario.oracle.ExpectedOnboardingTenant;
import dev.tenantpulse.scenario.oracle.ExpectedTenant;
import dev.tenantpulse.scenario.oracle.ExpectedUsageDay;
import dev.tenantpulse.scenario.oracle.ExpectedUsageDayByPlan;
import dev.tenantpulse.scenario.oracle.ExpectedUsageHour;
import dev.tenantpulse.scenario.oracle.ExpectedUsageMonth;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row of every metric table against the independent oracle of the scenario module, on the
 * small scenario (300 tenants, 40 days, an outage day, duplicates, disorder, late events). Dedup
 * and the late split are done here by a plain filter (the job's own are tested end to end
 * elsewhere); events within the lateness still arrive behind the watermark.
 */
class ScenarioOracleTests {

  /** The scenario module's own seed, whose outage it proves reaches the alert level. */
  static final long SEED = 42L;

  static ExpectedMetrics expected;
  static List<TenantEvent> counted;

  @BeforeAll
  static void generate() {
    Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.small(SEED));
    expected = MetricOracle.compute(scenario.arrivals(), OracleOptions.streaming());
    counted = countedEvents(scenario.arrivals(), MetricOptions.DEFAULT_LATENESS);
    // The scenario must exercise every table, the outage and the late split.
    assertThat(expected.lateEvents()).isPositive();
    assertThat(expected.duplicates()).isPositive();
    assertThat(expected.featureAdoption()).anyMatch(r -> !r.inCatalog());
    assertThat(expected.onboardingCohorts()).anyMatch(c -> c.dataQualityIssues() > 0);
    // The hour ending the outage day is one the built-in active_tenants_drop rule fires on.
    assertThat(expected.activeHours())
        .anyMatch(h -> h.dropRatio() != null && h.dropRatio() >= 0.20);
    assertThat(expected.usageDays()).isNotEmpty();
    assertThat(expected.usageMonths()).hasSizeLessThan(expected.usageDays().size());
    assertThat(expected.usageDaysByPlan())
        .extracting(ExpectedUsageDayByPlan::plan)
        .hasSizeGreaterThan(1);
  }

  /** First copy of each (tenant, id); events more than the lateness behind the newest dropped. */
  static List<TenantEvent> countedEvents(List<ScenarioEvent> arrivals, Duration lateness) {
    Set<List<String>> seen = new HashSet<>();
    List<TenantEvent> events = new ArrayList<>();
    long newest = Long.MIN_VALUE;
    for (ScenarioEvent arrival : arrivals) {
      TenantEvent e = arrival.event();
      long ts = e.timestamp().toEpochMilli();
      if (seen.add(List.of(e.tenantId(), e.id()))
          && !(newest != Long.MIN_VALUE && newest - ts > lateness.toMillis())) {
        events.add(e);
      }
      newest = Math.max(newest, ts);
    }
    return events;
  }

  @Test
  void streamingWithEventsBehindTheWatermarkMatchesTheOracle() throws Exception {
    PipelineRun.Tables tables =
        PipelineRun.run(
            counted,
            MetricOptions.defaults().withBounded(true),
            RuntimeExecutionMode.STREAMING,
            Duration.ZERO,
            2);
    OracleDiff diff = compare(tables);
    System.out.println("streaming vs oracle:\n" + diff.report());
    assertThat(diff.matches()).as(diff.report()).isTrue();
    // Events up to 19 min out of order against a watermark right behind the newest event: closed
    // hours were re-emitted, so the comparison covers the late path, not only first emits.
    assertThat(tables.all("active_tenants_hourly"))
        .hasSizeGreaterThan(tables.latest("active_tenants_hourly").size());
  }

  @Test
  void batchRecomputeMatchesTheOracle() throws Exception {
    PipelineRun.Tables tables =
        PipelineRun.batch(counted, MetricOptions.defaults().withBounded(true));
    OracleDiff diff = compare(tables);
    System.out.println("batch vs oracle:\n" + diff.report());
    assertThat(diff.matches()).as(diff.report()).isTrue();
  }

  @Test
  void aRecomputeWithAnEmitRangeWritesExactlyTheOraclesRowsOfThatRange() throws Exception {
    Instant from = ScenarioConfig.DEFAULT_START.plus(Duration.ofDays(10));
    Instant until = ScenarioConfig.DEFAULT_START.plus(Duration.ofDays(17));
    PipelineRun.Tables tables =
        PipelineRun.batch(
            counted, MetricOptions.defaults().withBounded(true).withEmitRange(from, until));
    ExpectedMetrics inRange = expected.restrictTo(from, until);
    OracleDiff diff = compare(tables, inRange, false);
    System.out.println("ranged recompute vs oracle:\n" + diff.report());
    // A recompute sees part of each tenant's history: it leaves the tenants table alone.
    assertThat(tables.all("tenants")).isEmpty();
    assertThat(inRange.activeHours()).hasSize(7 * 24);
    assertThat(diff.matches()).as(diff.report()).isTrue();
  }

  static OracleDiff compare(PipelineRun.Tables t) {
    return compare(t, expected, true);
  }

  static OracleDiff compare(PipelineRun.Tables t, ExpectedMetrics expected, boolean tenants) {
    OracleDiff diff = new OracleDiff();
    if (tenants) {
      compareTenants(t, expected, diff);
    }
    compareMetrics(t, expected, diff);
    return diff;
  }

  static void compareTenants(PipelineRun.Tables t, ExpectedMetrics expected, OracleDiff diff) {
    diff.compare(
        "tenants",
        List.of("plan", "billing", "tenancy", "seats", "signedUpAt", "planChangedAt", "churnedAt"),
        index(
            expected.tenants(),
            ExpectedTenant::tenantId,
            r ->
                values(
                    r.plan(),
                    r.billingModel(),
                    r.tenancyModel(),
                    r.seats(),
                    r.signedUpAt(),
                    r.planChangedAt(),
                    r.churnedAt())),
        index(
            t.<TenantRow>latest("tenants"),
            TenantRow::tenantId,
            r ->
                values(
                    r.plan(),
                    r.billingModel(),
                    r.tenancyModel(),
                    r.seats(),
                    r.signedUpAt(),
                    r.planChangedAt(),
                    r.churnedAt())));
  }

  static void compareMetrics(PipelineRun.Tables t, ExpectedMetrics expected, OracleDiff diff) {
    List<String> hourColumns = List.of("active24h", "weeklyAvg", "dropRatio");
    diff.compare(
        "active_tenants_hourly",
        hourColumns,
        index(
            expected.activeHours(),
            r -> r.windowEnd().toString(),
            (ExpectedActiveHour r) -> values(r.active24h(), r.weeklyAvg(), r.dropRatio())),
        index(
            t.<ActiveHourRow>latest("active_tenants_hourly"),
            r -> r.windowEnd().toString(),
            r -> values(r.active24h(), r.weeklyAvg(), r.dropRatio())));
    diff.compare(
        "active_tenants_hourly_by_plan",
        hourColumns,
        index(
            expected.activeHoursByPlan(),
            r -> r.windowEnd() + " " + r.plan(),
            (ExpectedActiveHourByPlan r) -> values(r.active24h(), r.weeklyAvg(), r.dropRatio())),
        index(
            t.<ActiveHourByPlanRow>latest("active_tenants_hourly_by_plan"),
            r -> r.windowEnd() + " " + r.plan(),
            r -> values(r.active24h(), r.weeklyAvg(), r.dropRatio())));
    diff.compare(
        "feature_adoption_daily",
        List.of("inCatalog", "planTenants", "adoptingTenants", "adoptionRatio"),
        index(
            expected.featureAdoption(),
            r -> r.day() + " " + r.plan() + " " + r.feature(),
            (ExpectedFeatureAdoption r) ->
                values(r.inCatalog(), r.planTenants(), r.adoptingTenants(), r.adoptionRatio())),
        index(
            t.<FeatureAdoptionRow>latest("feature_adoption_daily"),
            r -> r.day() + " " + r.plan() + " " + r.feature(),
            r -> values(r.inCatalog(), r.planTenants(), r.adoptingTenants(), r.adoptionRatio())));
    diff.compare(
        "onboarding_tenants",
        List.of(
            "signedUpAt",
            "cohortWeek",
            "signupPlan",
            "stepFirstAt",
            "completedAt",
            "completionSeconds",
            "completionNegative",
            "firstValueAt",
            "firstValueSeconds",
            "firstValueNegative"),
        index(
            expected.onboardingTenants(),
            ExpectedOnboardingTenant::tenantId,
            r ->
                values(
                    r.signedUpAt(),
                    r.cohortWeek(),
                    r.signupPlan(),
                    r.stepFirstAt(),
                    r.completedAt(),
                    r.completionSeconds(),
                    r.completionNegative(),
                    r.firstValueAt(),
                    r.firstValueSeconds(),
                    r.firstValueNegative())),
        index(
            t.<OnboardingTenantRow>latest("onboarding_tenants"),
            OnboardingTenantRow::tenantId,
            r ->
                values(
                    r.signedUpAt(),
                    r.cohortWeek(),
                    r.signupPlan(),
                    Map.copyOf(r.stepFirstAt()),
                    r.completedAt(),
                    r.completionSeconds(),
                    r.completionNegative(),
                    r.firstValueAt(),
                    r.firstValueSeconds(),
                    r.firstValueNegative())));
    diff.compare(
        "onboarding_cohorts",
        List.of(
            "signups",
            "completed",
            "completionRate",
            "avgSeconds",
            "p50",
            "p90",
            "within24h",
            "dataQualityIssues",
            "reachedValue",
            "valueRate",
            "valueAvgSeconds",
            "valueP50",
            "valueP90",
            "valueWithin24h",
            "valueDataQualityIssues"),
        index(
            expected.onboardingCohorts(),
            r -> r.cohortWeek().toString(),
            (ExpectedOnboardingCohort r) ->
                values(
                    r.signups(),
                    r.completed(),
                    r.completionRate(),
                    r.avgSeconds(),
                    r.p50Seconds(),
                    r.p90Seconds(),
                    r.completedWithin24h(),
                    r.dataQualityIssues(),
                    r.reachedValue(),
                    r.valueRate(),
                    r.valueAvgSeconds(),
                    r.valueP50Seconds(),
                    r.valueP90Seconds(),
                    r.valueWithin24h(),
                    r.valueDataQualityIssues())),
        index(
            t.<OnboardingCohortRow>latest("onboarding_cohorts"),
            r -> r.cohortWeek().toString(),
            r -> cohortValues(r)));
    diff.compare(
        "usage_daily",
        List.of("quantity"),
        index(
            expected.usageDays(),
            r -> r.day() + " " + r.tenantId() + " " + r.meter(),
            (ExpectedUsageDay r) -> values(r.quantity())),
        index(
            t.<UsageDayRow>latest("usage_daily"),
            r -> r.day() + " " + r.tenantId() + " " + r.meter(),
            r -> values(r.quantity())));
    diff.compare(
        "usage_monthly",
        List.of("quantity"),
        index(
            expected.usageMonths(),
            r -> r.month() + " " + r.tenantId() + " " + r.meter(),
            (ExpectedUsageMonth r) -> values(r.quantity())),
        index(
            t.<UsageMonthRow>latest("usage_monthly"),
            r -> r.month() + " " + r.tenantId() + " " + r.meter(),
            r -> values(r.quantity())));
    diff.compare(
        "usage_hourly",
        List.of("quantity"),
        index(
            expected.usageHours(),
            r -> r.hour() + " " + r.tenantId() + " " + r.meter(),
            (ExpectedUsageHour r) -> values(r.quantity())),
        index(
            t.<UsageHourRow>latest("usage_hourly"),
            r -> r.hour() + " " + r.tenantId() + " " + r.meter(),
            r -> values(r.quantity())));
    // tenants = 0: a plan every tenant of the day left after a late plan change (no oracle row)
    diff.compare(
        "usage_daily_by_plan",
        List.of("quantity", "tenants"),
        index(
            expected.usageDaysByPlan(),
            r -> r.day() + " " + r.plan() + " " + r.meter(),
            (ExpectedUsageDayByPlan r) -> values(r.quantity(), r.tenants())),
        index(
            t.<UsageDayByPlanRow>latest("usage_daily_by_plan").stream()
                .filter(r -> r.tenants() > 0)
                .toList(),
            r -> r.day() + " " + r.plan() + " " + r.meter(),
            r -> values(r.quantity(), r.tenants())));
  }

  static List<Object> cohortValues(OnboardingCohortRow r) {
    StepStats c = r.completion();
    StepStats v = r.value();
    return values(
        r.signups(),
        c.reached(),
        c.rate(),
        c.avgSeconds(),
        c.p50Seconds(),
        c.p90Seconds(),
        c.within24h(),
        c.dataQualityIssues(),
        v.reached(),
        v.rate(),
        v.avgSeconds(),
        v.p50Seconds(),
        v.p90Seconds(),
        v.within24h(),
        v.dataQualityIssues());
  }

  static List<Object> values(Object... values) {
    return Arrays.asList(values);
  }

  static <T> Map<String, List<Object>> index(
      List<T> rows, Function<T, String> key, Function<T, List<Object>> values) {
    Map<String, List<Object>> byKey = new LinkedHashMap<>();
    for (T row : rows) {
      if (byKey.put(key.apply(row), values.apply(row)) != null) {
        throw new IllegalStateException("two rows with key " + key.apply(row));
      }
    }
    return byKey;
  }
}
