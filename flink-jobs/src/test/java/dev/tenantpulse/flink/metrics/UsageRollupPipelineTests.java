package dev.tenantpulse.flink.metrics;

import static dev.tenantpulse.flink.metrics.Events.planChange;
import static dev.tenantpulse.flink.metrics.Events.signup;
import static dev.tenantpulse.flink.metrics.Events.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.metrics.usage.UsageDayByPlanRow;
import dev.tenantpulse.flink.metrics.usage.UsageMonthRow;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code usage_monthly} and {@code usage_daily_by_plan} through a real (mini) Flink job. */
class UsageRollupPipelineTests {

  static final MetricOptions BOUNDED = MetricOptions.defaults().withBounded(true);
  static final LocalDate MARCH = LocalDate.parse("2025-03-01");
  static final LocalDate MARCH_31 = LocalDate.parse("2025-03-31");

  @Test
  void aMonthIsTheSumOfItsClosedDaysAndALateEventReemitsIt() throws Exception {
    List<TenantEvent> events =
        List.of(
            usage("a", "2025-03-30T10:00:00Z", "api_calls", 1.5),
            usage("a", "2025-03-31T23:50:00Z", "api_calls", 2.0),
            usage("b", "2025-03-31T12:00:00Z", "api_calls", 4.0),
            usage("a", "2025-04-01T00:20:00Z", "api_calls", 10.0), // closes 03-31 and March
            usage("a", "2025-03-31T23:59:00Z", "api_calls", 0.25), // within lateness, day closed
            usage("a", "2025-04-01T02:00:00Z", "api_calls", 1.0));
    PipelineRun.Tables t = PipelineRun.streaming(events, BOUNDED, Duration.ZERO);

    Map<List<Object>, UsageMonthRow> months =
        t.latestBy("usage_monthly", r -> List.of(r.tenantId(), r.month().toString()));
    assertThat(months).hasSize(3);
    assertThat(months.get(List.of("a", "2025-03-01")).quantity()).isEqualTo(3.75);
    assertThat(months.get(List.of("b", "2025-03-01")).quantity()).isEqualTo(4.0);
    assertThat(months.get(List.of("a", "2025-04-01")).quantity()).isEqualTo(11.0);

    // Emitted with each day row: 03-30 closes (1.5), 03-31 closes (3.5), the late 0.25 (3.75).
    List<UsageMonthRow> march =
        t.<UsageMonthRow>all("usage_monthly").stream()
            .filter(r -> r.tenantId().equals("a") && r.month().equals(MARCH))
            .toList();
    assertThat(march).extracting(UsageMonthRow::quantity).containsExactly(1.5, 3.5, 3.75);
    assertThat(march.get(2).version()).isGreaterThan(march.get(1).version());
  }

  @Test
  void aDaysUsageCountsUnderThePlanAtItsEndAndALatePlanChangeMovesAClosedDay() throws Exception {
    List<TenantEvent> events =
        List.of(
            signup("a", "2025-03-30T09:00:00Z", "starter"),
            signup("b", "2025-03-30T09:00:00Z", "pro"),
            usage("a", "2025-03-31T10:00:00Z", "api_calls", 5.0),
            usage("b", "2025-03-31T11:00:00Z", "api_calls", 3.0),
            usage("c", "2025-03-31T12:00:00Z", "api_calls", 0.0),
            usage("a", "2025-04-01T00:20:00Z", "api_calls", 1.0), // closes 03-31
            planChange("a", "2025-03-31T23:30:00Z", "pro")); // late: moves a's 03-31 to pro
    PipelineRun.Tables t = PipelineRun.streaming(events, BOUNDED, Duration.ZERO);

    Map<List<Object>, UsageDayByPlanRow> rows =
        t.latestBy("usage_daily_by_plan", r -> List.of(r.day().toString(), r.plan()));
    assertThat(rows.get(List.of("2025-03-31", "pro")))
        .extracting(UsageDayByPlanRow::quantity, UsageDayByPlanRow::tenants)
        .containsExactly(8.0, 2L);
    // every tenant left starter: its row is replaced by an empty one, not left at 5.0
    assertThat(rows.get(List.of("2025-03-31", "starter")))
        .extracting(UsageDayByPlanRow::quantity, UsageDayByPlanRow::tenants)
        .containsExactly(0.0, 0L);
    assertThat(rows.get(List.of("2025-03-31", "unknown")))
        .extracting(UsageDayByPlanRow::quantity, UsageDayByPlanRow::tenants)
        .containsExactly(0.0, 1L);
    assertThat(rows.get(List.of("2025-04-01", "pro")).quantity()).isEqualTo(1.0);
    assertThat(rows).hasSize(4);

    List<UsageDayByPlanRow> starter =
        t.<UsageDayByPlanRow>all("usage_daily_by_plan").stream()
            .filter(r -> r.day().equals(MARCH_31) && r.plan().equals("starter"))
            .toList();
    assertThat(starter).extracting(UsageDayByPlanRow::tenants).containsExactly(1L, 0L);
    assertThat(starter.get(1).version()).isGreaterThan(starter.get(0).version());
  }

  @Test
  void batchGivesTheSameRollupsWithoutReemits() throws Exception {
    List<TenantEvent> events =
        List.of(
            signup("a", "2025-03-30T09:00:00Z", "starter"),
            usage("a", "2025-03-31T10:00:00Z", "api_calls", 5.0),
            usage("a", "2025-04-01T00:20:00Z", "api_calls", 1.0),
            planChange("a", "2025-03-31T23:30:00Z", "pro"));
    PipelineRun.Tables batch = PipelineRun.batch(events, BOUNDED);
    Map<List<Object>, UsageDayByPlanRow> rows =
        batch.latestBy("usage_daily_by_plan", r -> List.of(r.day().toString(), r.plan()));
    assertThat(rows).containsOnlyKeys(List.of("2025-03-31", "pro"), List.of("2025-04-01", "pro"));
    assertThat(batch.all("usage_daily_by_plan")).hasSize(2);
    assertThat(batch.all("usage_monthly")).hasSize(2);
  }
}
