package dev.tenantpulse.scenario.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UsageOracleTests {

  @Test
  void sumsPerUtcDayTenantAndMeter() {
    ExpectedMetrics m =
        MetricOracle.computeEvents(
            new HandEvents()
                .usage("t1", "2026-01-05T23:59:59.999Z", "api_calls", 10)
                .usage("t1", "2026-01-05T23:10:00Z", "api_calls", 2.25)
                .usage("t1", "2026-01-05T23:00:00Z", "storage_gb", 0.5)
                .usage("t1", "2026-01-06T00:00:00Z", "api_calls", 7)
                .usage("t2", "2026-01-05T23:30:00Z", "api_calls", 0)
                .resend(0)
                .list(),
            OracleOptions.streaming());

    LocalDate day5 = LocalDate.parse("2026-01-05");
    assertThat(m.usageDays())
        .containsExactly(
            new ExpectedUsageDay(day5, "t1", "api_calls", 12.25),
            new ExpectedUsageDay(day5, "t1", "storage_gb", 0.5),
            new ExpectedUsageDay(day5, "t2", "api_calls", 0.0),
            new ExpectedUsageDay(LocalDate.parse("2026-01-06"), "t1", "api_calls", 7.0));
    assertThat(m.duplicates()).isEqualTo(1);
  }

  @Test
  void monthsSumEveryCountedEventOfTheUtcCalendarMonth() {
    ExpectedMetrics m =
        MetricOracle.computeEvents(
            new HandEvents()
                .usage("t1", "2026-01-01T00:00:00Z", "api_calls", 1)
                .usage("t1", "2026-01-31T23:59:59.999Z", "api_calls", 2)
                .usage("t1", "2026-02-01T00:00:00Z", "api_calls", 4)
                .usage("t2", "2026-01-15T12:00:00Z", "api_calls", 8)
                .list(),
            OracleOptions.recompute());

    assertThat(m.usageMonths())
        .containsExactly(
            new ExpectedUsageMonth(LocalDate.parse("2026-01-01"), "t1", "api_calls", 3.0),
            new ExpectedUsageMonth(LocalDate.parse("2026-01-01"), "t2", "api_calls", 8.0),
            new ExpectedUsageMonth(LocalDate.parse("2026-02-01"), "t1", "api_calls", 4.0));
  }

  @Test
  void aDaysUsageCountsUnderThePlanAtTheEndOfTheDay() {
    ExpectedMetrics m =
        MetricOracle.computeEvents(
            new HandEvents()
                .signup("t1", "2026-01-04T09:00:00Z", "free")
                .usage("t1", "2026-01-05T08:00:00Z", "api_calls", 10)
                // a change during the day moves the whole day, usage before it included
                .planChange("t1", "2026-01-05T20:00:00Z", "pro")
                .usage("t1", "2026-01-06T08:00:00Z", "api_calls", 1)
                // a change at midnight is not before the end of the 6th
                .planChange("t1", "2026-01-07T00:00:00Z", "free")
                .signup("t2", "2026-01-04T09:00:00Z", "pro")
                .usage("t2", "2026-01-05T09:00:00Z", "api_calls", 5)
                .usage("t2", "2026-01-05T10:00:00Z", "api_calls", 0)
                .usage("t3", "2026-01-05T10:00:00Z", "api_calls", 0)
                .list(),
            OracleOptions.recompute());

    LocalDate day5 = LocalDate.parse("2026-01-05");
    assertThat(m.usageDaysByPlan())
        .containsExactly(
            new ExpectedUsageDayByPlan(day5, "pro", "api_calls", 15.0, 2),
            new ExpectedUsageDayByPlan(day5, "unknown", "api_calls", 0.0, 1),
            new ExpectedUsageDayByPlan(LocalDate.parse("2026-01-06"), "pro", "api_calls", 1.0, 1));
  }
}
