package dev.tenantpulse.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantpulse.alerting.evaluation.EvaluationLog;
import dev.tenantpulse.alerting.notify.outbox.OutboxStore;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.RecordingHttpServer;
import dev.tenantpulse.alerting.support.RunningAlerting;
import dev.tenantpulse.alerting.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two alerting instances on one PostgreSQL database, Quartz clustered, evaluating on the real
 * clock: each rule is evaluated once per interval (never by both instances for the same scheduled
 * time) and a firing alert is delivered once, not once per instance.
 */
class ClusteredEvaluationTests {

  static TestPostgres postgres;
  @TempDir static Path dir;

  @BeforeAll
  static void connect() {
    postgres = new TestPostgres();
  }

  @AfterAll
  static void dropSchema() {
    postgres.close();
  }

  @Test
  void twoInstancesEvaluateEachRuleOncePerIntervalAndNotifyOnce() throws Exception {
    postgres.require();
    MetricTables tables = MetricTables.fresh("cluster");
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    tables.activeHour(hour, 50, 100.0, 0.50);
    try (RecordingHttpServer receiver = new RecordingHttpServer(200)) {
      Path rules = dir.resolve("rules.yaml");
      Files.writeString(
          rules,
          """
          channels:
            hook: {type: webhook, url: "%s", secret: cluster-secret-0123456789}
          rules:
            drop_a: {kind: active_tenants_drop, for: 0s, evaluation_interval: 1s, params: {per_plan: false}, channels: [hook]}
            drop_b: {kind: active_tenants_drop, for: 0s, evaluation_interval: 1s, params: {per_plan: false}, channels: [hook]}
          """
              .formatted(receiver.url("/hook")));
      List<EvaluationLog.Entry> log;
      try (RunningAlerting a = start(tables, rules, "instance-a");
          RunningAlerting b = start(tables, rules, "instance-b")) {
        EvaluationLog evaluations = a.bean(EvaluationLog.class);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    evaluations.recent("drop_a", 100).size() >= 6
                        && evaluations.recent("drop_b", 100).size() >= 6);
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> a.bean(OutboxStore.class).pendingCount() == 0);
        log = evaluations.recent(null, 1000);
        b.close(); // the other instance goes on alone, on its own connections
        int before = evaluations.recent("drop_a", 1000).size();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> evaluations.recent("drop_a", 1000).size() >= before + 2);
      }

      for (String rule : List.of("drop_a", "drop_b")) {
        List<Instant> scheduled =
            log.stream()
                .filter(e -> e.rule().equals(rule))
                .map(EvaluationLog.Entry::scheduledAt)
                .sorted()
                .toList();
        assertThat(Set.copyOf(scheduled))
            .as("each scheduled time once: " + rule)
            .hasSameSizeAs(scheduled);
        for (int i = 1; i < scheduled.size(); i++) {
          assertThat(Duration.between(scheduled.get(i - 1), scheduled.get(i)))
              .as("one evaluation per interval of " + rule)
              .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
      }
      Map<String, Long> byInstance =
          log.stream()
              .collect(
                  Collectors.groupingBy(EvaluationLog.Entry::instanceId, Collectors.counting()));
      assertThat(byInstance.keySet()).isSubsetOf("instance-a", "instance-b").isNotEmpty();
      assertThat(receiver.requests()).hasSize(2); // drop_a and drop_b fired once each
      assertThat(receiver.requests())
          .extracting(r -> r.header("X-TenantPulse-Idempotency-Key"))
          .doesNotHaveDuplicates();
      System.out.println("evaluations per instance: " + byInstance);
    }
  }

  private static RunningAlerting start(MetricTables tables, Path rules, String instance) {
    Map<String, String> p = new HashMap<>(postgres.properties());
    p.put("tenant-pulse.alerting.instance-id", instance);
    p.put("tenant-pulse.alerting.rules-file", rules.toString());
    p.put("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "1000");
    return RunningAlerting.start(tables.database(), null, p);
  }
}
