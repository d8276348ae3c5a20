package dev.tenantpulse.alerting.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Alerting's own health: {@code alerting_evaluation_seconds{rule,outcome}}, {@code
 * alerting_evaluation_failures_total{rule}}, {@code alerting_alerts{rule,status}} (firing, pending,
 * no_data instances), {@code alerting_notifications_total{channel_type,outcome}} (delivered,
 * retried, gave_up) and {@code alerting_outbox_pending}.
 */
@Component
public class AlertingMetrics {

  private final MeterRegistry registry;
  private final MultiGauge alerts;
  private final AtomicLong outboxPending = new AtomicLong();

  public AlertingMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.alerts =
        MultiGauge.builder("alerting.alerts")
            .description("Alert instances per rule in status firing, pending or no_data")
            .register(registry);
    registry.gauge("alerting.outbox.pending", outboxPending);
  }

  public void evaluated(String rule, Duration took, boolean ok) {
    Timer.builder("alerting.evaluation")
        .description("Duration of one rule evaluation (query, state, outbox)")
        .tags("rule", rule, "outcome", ok ? "ok" : "failed")
        .register(registry)
        .record(took);
    if (!ok) {
      Counter.builder("alerting.evaluation.failures")
          .description("Evaluations that failed (ClickHouse or metadata database unreachable…)")
          .tag("rule", rule)
          .register(registry)
          .increment();
    }
  }

  /** Outcome of one delivery attempt: delivered, retried or gave_up. */
  public void notification(String channelType, String outcome) {
    Counter.builder("alerting.notifications")
        .description("Notification delivery attempts by channel type and outcome")
        .tags("channel_type", channelType, "outcome", outcome)
        .register(registry)
        .increment();
  }

  /** Replaces the alert counts: rule → status → instances. */
  public void alertCounts(Map<String, Map<String, Long>> counts) {
    List<MultiGauge.Row<?>> rows =
        counts.entrySet().stream()
            .flatMap(
                rule ->
                    rule.getValue().entrySet().stream()
                        .map(
                            s ->
                                MultiGauge.Row.of(
                                    Tags.of("rule", rule.getKey(), "status", s.getKey()),
                                    s.getValue())))
            .<MultiGauge.Row<?>>map(r -> r)
            .toList();
    alerts.register(rows, true);
  }

  public void outboxPending(long pending) {
    outboxPending.set(pending);
  }
}
