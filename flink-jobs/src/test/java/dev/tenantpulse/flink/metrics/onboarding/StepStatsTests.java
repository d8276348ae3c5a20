package dev.tenantpulse.flink.metrics.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepStatsTests {

  @Test
  void percentilesAreNearestRankInIntegerArithmetic() {
    List<Long> ten = new ArrayList<>();
    for (long s = 10; s >= 1; s--) {
      ten.add(s * 100);
    }
    StepStats stats = StepStats.of(10, ten);
    assertThat(stats.p50Seconds()).isEqualTo(500); // ceil(10/2) = 5th
    assertThat(stats.p90Seconds()).isEqualTo(900); // ceil(9) = 9th, not the 10th
    assertThat(stats.avgSeconds()).isEqualTo(550.0);
  }

  @Test
  void oddCountsRoundTheRankUp() {
    StepStats stats = StepStats.of(3, List.of(30L, 10L, 20L));
    assertThat(stats.p50Seconds()).isEqualTo(20);
    assertThat(stats.p90Seconds()).isEqualTo(30);
    StepStats one = StepStats.of(1, List.of(7L));
    assertThat(one.p50Seconds()).isEqualTo(7);
    assertThat(one.p90Seconds()).isEqualTo(7);
  }

  @Test
  void negativeTimesCountAsReachedAndAsDataQualityIssuesButNotInTheStatistics() {
    StepStats stats = StepStats.of(4, Arrays.asList(-5L, 86_400L, 86_401L, null));
    assertThat(stats.reached()).isEqualTo(3);
    assertThat(stats.rate()).isEqualTo(0.75);
    assertThat(stats.dataQualityIssues()).isEqualTo(1);
    assertThat(stats.within24h()).isEqualTo(1); // 86,400 s is within, 86,401 s is not
    assertThat(stats.p50Seconds()).isEqualTo(86_400);
    assertThat(stats.avgSeconds()).isEqualTo(86_400.5);
  }

  @Test
  void statisticsAreNullWithoutAnyValidTime() {
    StepStats stats = StepStats.of(2, Arrays.asList(-1L, null));
    assertThat(stats.avgSeconds()).isNull();
    assertThat(stats.p50Seconds()).isNull();
    assertThat(stats.p90Seconds()).isNull();
    assertThat(stats.rate()).isEqualTo(0.5);
  }
}
