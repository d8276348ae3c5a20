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
}
