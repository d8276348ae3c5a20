package dev.tenantpulse.flink.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.active.ActiveHourByPlanRow;
import dev.tenantpulse.flink.metrics.active.ActiveHourByPlanRowWriter;
import dev.tenantpulse.flink.metrics.active.ActiveHourRow;
import dev.tenantpulse.flink.metrics.active.ActiveHourRowWriter;
import dev.tenantpulse.flink.metrics.adoption.FeatureAdoptionRow;
import dev.tenantpulse.flink.metrics.adoption.FeatureAdoptionRowWriter;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohortRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingCohortRowWriter;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingTenantRow;
import dev.tenantpulse.flink.metrics.onboarding.OnboardingTenantRowWriter;
import dev.tenantpulse.flink.metrics.onboarding.StepStats;
import dev.tenantpulse.flink.metrics.usage.UsageDayByPlanRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayByPlanRowWriter;
import dev.tenantpulse.flink.metrics.usage.UsageDayRow;
import dev.tenantpulse.flink.metrics.usage.UsageDayRowWriter;
import dev.tenantpulse.flink.metrics.usage.UsageHourRow;
import dev.tenantpulse.flink.metrics.usage.UsageHourRowWriter;
import dev.tenantpulse.flink.metrics.usage.UsageMonthRow;
import dev.tenantpulse.flink.metrics.usage.UsageMonthRowWriter;
import dev.tenantpulse.flink.sink.ClickHouseOptions;
import dev.tenantpulse.flink.sink.ClickHouseSinkTestAccess;
import dev.tenantpulse.flink.sink.TableWriter;
import dev.tenantpulse.flink.tenant.TenantRow;
import dev.tenantpulse.flink.tenant.TenantRowWriter;
import dev.tenantpulse.flink.testing.TestWarehouse;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each row type's writer against the migrated schema in real chDB, through the job's sink writer:
 * every column lands with its value (NULLs as NULL), and a re-emit with a higher version replaces
 * the row under FINAL.
 */
class RowWritersTests {

  static final Instant H = Instant.parse("2026-01-05T10:00:00Z");
  static final Instant AT = Instant.parse("2026-01-05T10:15:30.123Z");
  static final LocalDate DAY = LocalDate.parse("2026-01-05");
  static String db;

  @BeforeAll
  static void database() throws Exception {
    db = TestWarehouse.migratedDatabase("metric_rows");
  }

  static <T> void write(TableWriter<T> writer, List<T> rows) throws Exception {
    ClickHouseSinkTestAccess.writeAll(ClickHouseOptions.of(TestWarehouse.url(), db), writer, rows);
  }

  static List<List<Object>> select(String columns, String table, String order) throws Exception {
    return TestWarehouse.rows(
        "SELECT " + columns + " FROM " + db + "." + table + " FINAL ORDER BY " + order);
  }

  static Instant v(long version) {
    return Instant.ofEpochMilli(version);
  }

  @Test
  void activeHourRowsKeepNullAveragesAndTheNewestVersionWins() throws Exception {
    write(
        new ActiveHourRowWriter(),
        List.of(
            new ActiveHourRow(H, 7, null, null, v(1000), 1000),
            new ActiveHourRow(H.plusSeconds(3600), 9, 12.5, 0.28, v(1001), 1001),
            new ActiveHourRow(H, 8, null, null, v(1002), 1002)));
    assertThat(
            select(
                "toString(window_end), active_24h, weekly_avg, drop_ratio, toString(computed_at),"
                    + " version",
                "active_tenants_hourly",
                "window_end"))
        .containsExactly(
            Arrays.asList(
                "2026-01-05 10:00:00",
                BigInteger.valueOf(8),
                null,
                null,
                "1970-01-01 00:00:01.002",
                BigInteger.valueOf(1002)),
            Arrays.asList(
                "2026-01-05 11:00:00",
                BigInteger.valueOf(9),
                12.5,
                0.28,
                "1970-01-01 00:00:01.001",
                BigInteger.valueOf(1001)));

    write(
        new ActiveHourByPlanRowWriter(),
        List.of(new ActiveHourByPlanRow(H, "unknown", 3, 2.0, -0.5, v(5), 5)));
    assertThat(
            select(
                "toString(window_end), plan, active_24h, weekly_avg, drop_ratio",
                "active_tenants_hourly_by_plan",
                "plan"))
        .containsExactly(
            Arrays.asList("2026-01-05 10:00:00", "unknown", BigInteger.valueOf(3), 2.0, -0.5));
  }

  @Test
  void adoptionAndUsageRowsLandWithTheirDays() throws Exception {
    write(
        new FeatureAdoptionRowWriter(),
        List.of(
            new FeatureAdoptionRow(DAY, "starter", "sso", true, 4, 1, 0.25, v(1), 1),
            new FeatureAdoptionRow(DAY, "pro", "beta_x", false, 0, 0, null, v(1), 1)));
    assertThat(
            select(
                "toString(day), plan, feature, in_catalog, plan_tenants, adopting_tenants,"
                    + " adoption_ratio",
                "feature_adoption_daily",
                "plan"))
        .containsExactly(
            Arrays.asList(
                "2026-01-05", "pro", "beta_x", (short) 0, BigInteger.ZERO, BigInteger.ZERO, null),
            Arrays.asList(
                "2026-01-05",
                "starter",
                "sso",
                (short) 1,
                BigInteger.valueOf(4),
                BigInteger.ONE,
                0.25));

    write(
        new UsageDayRowWriter(),
        List.of(
            new UsageDayRow(DAY, "acme", "api_calls", 3.5, v(1), 1),
            new UsageDayRow(DAY, "acme", "api_calls", 3.75, v(2), 2)));
    assertThat(select("toString(day), tenant_id, meter, quantity", "usage_daily", "meter"))
        .containsExactly(Arrays.asList("2026-01-05", "acme", "api_calls", 3.75));
  }

  @Test
  void usageHourRowsReplaceTheirEarlierVersions() throws Exception {
    java.time.Instant hour = java.time.Instant.parse("2026-01-05T13:00:00Z");
    write(
        new UsageHourRowWriter(),
        List.of(
            new UsageHourRow(hour, "acme", "api_calls", 3.5, v(1), 1),
            new UsageHourRow(hour, "acme", "api_calls", 3.75, v(2), 2)));
    assertThat(select("toString(hour), tenant_id, meter, quantity", "usage_hourly", "meter"))
        .containsExactly(Arrays.asList("2026-01-05 13:00:00", "acme", "api_calls", 3.75));
  }

  @Test
  void usageRollupRowsReplaceTheirEarlierVersions() throws Exception {
    LocalDate month = DAY.withDayOfMonth(1);
    write(
        new UsageMonthRowWriter(),
        List.of(
            new UsageMonthRow(month, "acme", "api_calls", 3.5, v(1), 1),
            new UsageMonthRow(month, "acme", "api_calls", 3.75, v(2), 2)));
    assertThat(select("toString(month), tenant_id, meter, quantity", "usage_monthly", "meter"))
        .containsExactly(Arrays.asList("2026-01-01", "acme", "api_calls", 3.75));

    write(
        new UsageDayByPlanRowWriter(),
        List.of(
            new UsageDayByPlanRow(DAY, "starter", "api_calls", 5.0, 1, v(1), 1),
            new UsageDayByPlanRow(DAY, "pro", "api_calls", 3.0, 1, v(1), 1),
            new UsageDayByPlanRow(DAY, "starter", "api_calls", 0.0, 0, v(2), 2),
            new UsageDayByPlanRow(DAY, "pro", "api_calls", 8.0, 2, v(2), 2)));
    assertThat(
            select("toString(day), plan, meter, quantity, tenants", "usage_daily_by_plan", "plan"))
        .containsExactly(
            Arrays.asList("2026-01-05", "pro", "api_calls", 8.0, BigInteger.TWO),
            Arrays.asList("2026-01-05", "starter", "api_calls", 0.0, BigInteger.ZERO));
  }

  @Test
  void tenantRowsKeepNeverSentFieldsNull() throws Exception {
    write(
        new TenantRowWriter(),
        List.of(
            new TenantRow("a", "pro", "per_seat", "pool", 12, AT, AT, AT.plusSeconds(60), v(3), 3),
            new TenantRow("b", "unknown", null, null, null, null, null, null, v(3), 3)));
    assertThat(
            select(
                "tenant_id, plan, billing_model, tenancy_model, seats, toString(signed_up_at),"
                    + " toString(plan_changed_at), toString(churned_at), toString(updated_at)",
                "tenants",
                "tenant_id"))
        .containsExactly(
            Arrays.asList(
                "a",
                "pro",
                "per_seat",
                "pool",
                12L,
                "2026-01-05 10:15:30.123",
                "2026-01-05 10:15:30.123",
                "2026-01-05 10:16:30.123",
                "1970-01-01 00:00:00.003"),
            Arrays.asList(
                "b", "unknown", null, null, null, null, null, null, "1970-01-01 00:00:00.003"));
  }

  @Test
  void onboardingRowsCarryTheStepMapAndTheNegativeFlags() throws Exception {
    write(
        new OnboardingTenantRowWriter(),
        List.of(
            new OnboardingTenantRow(
                "a",
                AT,
                LocalDate.parse("2026-01-05"),
                "starter",
                Map.of("completed", AT.minusSeconds(10), "account_created", AT),
                AT.minusSeconds(10),
                -10L,
                true,
                null,
                null,
                false,
                v(4),
                4)));
    assertThat(
            select(
                "tenant_id, toString(cohort_week), signup_plan, toString(step_first_at['completed']),"
                    + " length(step_first_at), completion_seconds, completion_negative,"
                    + " first_value_at, first_value_seconds, first_value_negative",
                "onboarding_tenants",
                "tenant_id"))
        .containsExactly(
            Arrays.asList(
                "a",
                "2026-01-05",
                "starter",
                "2026-01-05 10:15:20.123",
                BigInteger.TWO,
                -10L,
                (short) 1,
                null,
                null,
                (short) 0));

    StepStats completion = new StepStats(3, 0.75, 1200.5, 900L, 3000L, 2, 1);
    StepStats none = new StepStats(0, 0.0, null, null, null, 0, 0);
    write(
        new OnboardingCohortRowWriter(),
        List.of(new OnboardingCohortRow(DAY, 4, completion, none, v(6), 6)));
    assertThat(select("*", "onboarding_cohorts", "cohort_week").get(0).subList(1, 16))
        .containsExactly(
            BigInteger.valueOf(4),
            BigInteger.valueOf(3),
            0.75,
            1200.5,
            900L,
            3000L,
            BigInteger.TWO,
            BigInteger.ONE,
            BigInteger.ZERO,
            0.0,
            null,
            null,
            null,
            BigInteger.ZERO,
            BigInteger.ZERO);
  }
}
