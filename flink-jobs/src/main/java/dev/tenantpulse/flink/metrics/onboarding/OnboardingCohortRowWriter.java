package dev.tenantpulse.flink.metrics.onboarding;

import dev.tenantpulse.flink.metrics.Binds;
import dev.tenantpulse.flink.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes {@link OnboardingCohortRow}s to {@code onboarding_cohorts}. */
public final class OnboardingCohortRowWriter implements TableWriter<OnboardingCohortRow> {

  private static final long serialVersionUID = 1L;

  @Override
  public String table() {
    return "onboarding_cohorts";
  }

  @Override
  public List<String> columns() {
    return List.of(
        "cohort_week",
        "signups",
        "completed",
        "completion_rate",
        "avg_seconds",
        "p50_seconds",
        "p90_seconds",
        "completed_within_24h",
        "data_quality_issues",
        "reached_value",
        "value_rate",
        "value_avg_seconds",
        "value_p50_seconds",
        "value_p90_seconds",
        "value_within_24h",
        "value_data_quality_issues",
        "computed_at",
        "version");
  }

  @Override
  public void bind(PreparedStatement s, OnboardingCohortRow row) throws SQLException {
    Binds.date(s, 1, row.cohortWeek());
    s.setLong(2, row.signups());
    int next = bindStats(s, 3, row.completion());
    next = bindStats(s, next, row.value());
    Binds.instant(s, next, row.computedAt());
    s.setLong(next + 1, row.version());
  }

  private static int bindStats(PreparedStatement s, int i, StepStats stats) throws SQLException {
    s.setLong(i, stats.reached());
    Binds.dbl(s, i + 1, stats.rate());
    Binds.dbl(s, i + 2, stats.avgSeconds());
    Binds.bigint(s, i + 3, stats.p50Seconds());
    Binds.bigint(s, i + 4, stats.p90Seconds());
    s.setLong(i + 5, stats.within24h());
    s.setLong(i + 6, stats.dataQualityIssues());
    return i + 7;
  }
}
