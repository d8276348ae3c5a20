package dev.tenantpulse.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantpulse.alerting.evaluation.EvaluationLog;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.RunningAlerting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quartz on the H2 file with the real clock: evaluations missed while the service was down run once
 * when it comes back, not once per missed interval.
 */
class MissedEvaluationsTests {

  @TempDir Path dir;

  @Test
  void evaluationsMissedDuringDowntimeRunOnceAfterRestart() throws Exception {
    MetricTables tables = MetricTables.fresh("misfire");
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(rules, "rules:\n  active_tenants_drop: {for: 0s, evaluation_interval: 1s}\n");
    Map<String, String> p = new HashMap<>();
    p.put(
        "spring.datasource.url",
        "jdbc:h2:file:" + dir.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE");
    p.put("tenant-pulse.alerting.rules-file", rules.toString());
    p.put("spring.quartz.properties.org.quartz.jobStore.misfireThreshold", "500");

    try (RunningAlerting before = RunningAlerting.start(tables.database(), null, p)) {
      EvaluationLog log = before.bean(EvaluationLog.class);
      await().atMost(Duration.ofSeconds(30)).until(() -> log.recent(null, 10).size() >= 2);
    }
    // The downtime itself: four intervals pass with no instance running.
    Thread.sleep(4_000);
    Instant restarted = Instant.now();
    try (RunningAlerting after = RunningAlerting.start(tables.database(), null, p)) {
      EvaluationLog log = after.bean(EvaluationLog.class);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> log.recent(null, 100).stream().anyMatch(e -> e.startedAt().isAfter(restarted)));
      Instant first =
          log.recent(null, 100).stream()
              .filter(e -> e.startedAt().isAfter(restarted))
              .map(EvaluationLog.Entry::startedAt)
              .min(Instant::compareTo)
              .orElseThrow();
      // Let the schedule go on for a moment, then look at everything after the restart.
      await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
      List<EvaluationLog.Entry> afterRestart =
          log.recent(null, 100).stream().filter(e -> e.startedAt().isAfter(restarted)).toList();
      assertThat(afterRestart)
          .as("no catch-up run for a fire time that passed while down")
          .allSatisfy(
              e -> assertThat(e.scheduledAt()).isAfterOrEqualTo(restarted.minusMillis(500)));
      Duration window = Duration.between(first, Instant.now());
      assertThat(afterRestart.size())
          .as("one run for the missed ones, then one per interval (" + window + ")")
          .isLessThanOrEqualTo(2 + (int) window.toSeconds());
    }
  }
}
