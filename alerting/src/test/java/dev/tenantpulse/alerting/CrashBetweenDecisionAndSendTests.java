package dev.tenantpulse.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantpulse.alerting.evaluation.EvaluationService;
import dev.tenantpulse.alerting.notify.outbox.OutboxEntry;
import dev.tenantpulse.alerting.notify.outbox.OutboxStore;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.MutableClock;
import dev.tenantpulse.alerting.support.RecordingHttpServer;
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
 * The service dies after it decided to notify (state change and outbox row committed, the row
 * claimed for sending) and before it sent: a new instance on the same H2 file delivers the
 * notification exactly once, with the idempotency key decided before the crash.
 */
class CrashBetweenDecisionAndSendTests {

  static final Instant H = Instant.parse("2026-11-27T10:00:00Z");

  @TempDir Path dir;

  @Test
  void aCrashBeforeSendingLeadsToExactlyOneDeliveryWithTheSameKeyAfterRestart() throws Exception {
    MetricTables tables = MetricTables.fresh("crash");
    tables.activeHour(H, 60, 100.0, 0.40);
    MutableClock clock = new MutableClock(H.plusSeconds(300));
    try (RecordingHttpServer receiver = new RecordingHttpServer(200)) {
      Path rules = dir.resolve("rules.yaml");
      Files.writeString(
          rules,
          """
          channels:
            hook: {type: webhook, url: "%s", secret: crash-secret-0123456789}
          rules:
            active_tenants_drop: {for: 0s, params: {per_plan: false}, channels: [hook]}
          """
              .formatted(receiver.url("/hook")));
      Map<String, String> p = new HashMap<>();
      p.put(
          "spring.datasource.url",
          "jdbc:h2:file:" + dir.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE");
      p.put("spring.quartz.auto-startup", "false");
      p.put("tenant-pulse.alerting.rules-file", rules.toString());
      p.put("tenant-pulse.alerting.outbox.claim-timeout", "30s");

      OutboxEntry decided;
      Map<String, String> crashing = new HashMap<>(p);
      crashing.put("tenant-pulse.alerting.outbox.crash-before-send", "STOP_DISPATCHER");
      try (RunningAlerting first = RunningAlerting.start(tables.database(), clock, crashing)) {
        assertThat(
                first
                    .bean(EvaluationService.class)
                    .evaluate("active_tenants_drop", null)
                    .notifications())
            .isEqualTo(1);
        OutboxStore outbox = first.bean(OutboxStore.class);
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> outbox.list("pending", 10).get(0).claimToken() != null);
        decided = outbox.list("pending", 10).get(0);
      } // the "crash": the dispatcher stopped between its committed claim and the send
      assertThat(receiver.requests()).isEmpty();

      clock.advance(Duration.ofSeconds(31)); // the dead instance's claim expires
      try (RunningAlerting second = RunningAlerting.start(tables.database(), clock, p)) {
        OutboxStore outbox = second.bean(OutboxStore.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.pendingCount() == 0);
        List<OutboxEntry> delivered = outbox.list("delivered", 10);
        assertThat(delivered)
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.idempotencyKey()).isEqualTo(decided.idempotencyKey());
                  assertThat(e.attempts()).isEqualTo(1);
                });
        // Evaluating again after the restart decides nothing new: the alert is already firing.
        assertThat(
                second
                    .bean(EvaluationService.class)
                    .evaluate("active_tenants_drop", null)
                    .notifications())
            .isZero();
      }
      assertThat(receiver.requests())
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.header("X-TenantPulse-Idempotency-Key"))
                      .isEqualTo(decided.idempotencyKey()));
    }
  }
}
