package dev.tenantpulse.dashboards.boards;

import static dev.tenantpulse.dashboards.boards.ServiceMetrics.EVALUATIONS;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.EVALUATION_FAILURES;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.EVENTS_ACCEPTED;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.EVENTS_REJECTED;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.FAILED_CHECKPOINTS;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.JOB_RESTARTS;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.KAFKA_ACK_LATENCY_BUCKET;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.KAFKA_FAILURES;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.KAFKA_RECORDS_LAG_MAX;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.LAST_CHECKPOINT_DURATION;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.NOTIFICATIONS;
import static dev.tenantpulse.dashboards.boards.ServiceMetrics.REQUESTS_REFUSED;
import static dev.tenantpulse.dashboards.provisioning.ProvisionedDatasources.PROMETHEUS;

import dev.tenantpulse.dashboards.boards.Panels.Prom;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.FieldConfig;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.PrometheusAnnotation;
import dev.tenantpulse.dashboards.model.Thresholds;

/**
 * On-call: is the pipeline itself healthy? Collector ingest and rejects, Kafka acknowledgement
 * latency, Flink consumer lag and checkpoints, alert evaluations and notification outcomes, all
 * from Prometheus.
 */
public final class ServiceHealthDashboard {

  public static final String UID = "tenant-pulse-service-health";

  private ServiceHealthDashboard() {}

  public static Dashboard build() {
    return Dashboard.builder(UID, "Tenant Pulse · Service health")
        .description("Collector, Kafka, Flink and alerting health from Prometheus.")
        .tags(BoardDefaults.tags("on-call"), BoardDefaults.TAG)
        .time("now-6h", "1m")
        .annotation(
            new PrometheusAnnotation(
                "Firing alerts",
                PROMETHEUS,
                "max by (rule) (" + AlertDefaults.FIRING_GAUGE + ") > 0",
                "1m",
                "{{rule}} firing",
                "Alert {{rule}} is firing (alerting service)",
                "rule",
                "red"))
        // collector
        .panel(
            unit(
                Panels.promTimeSeries(
                    "Events accepted",
                    "Events the collector accepted (acknowledged by Kafka) per second.",
                    new Prom("sum(rate(" + EVENTS_ACCEPTED + "[$__rate_interval]))", "accepted")),
                "ops"),
            8,
            8)
        .panel(
            unit(
                Panels.promTimeSeries(
                    "Events rejected by reason",
                    "Per-event rejections (validation, tenant not allowed…) per second.",
                    new Prom(
                        "sum by (reason) (rate(" + EVENTS_REJECTED + "[$__rate_interval]))",
                        "{{reason}}")),
                "ops"),
            8,
            8)
        .panel(
            unit(
                Panels.promTimeSeries(
                    "Requests refused by status",
                    "Whole requests refused (401, 413, 429, 503…) per second.",
                    new Prom(
                        "sum by (code) (rate(" + REQUESTS_REFUSED + "[$__rate_interval]))",
                        "{{code}}")),
                "reqps"),
            8,
            8)
        .panel(
            unit(
                Panels.promTimeSeries(
                    "Kafka acknowledgement latency",
                    "From a batch's first send to Kafka's last acknowledgement (acks=all).",
                    new Prom(quantile(0.5), "p50"),
                    new Prom(quantile(0.99), "p99")),
                "s"),
            8,
            8)
        .panel(
            unit(
                Panels.promTimeSeries(
                    "Kafka failures (answered 503)",
                    "Requests answered 503 because Kafka did not acknowledge in time.",
                    new Prom("sum(rate(" + KAFKA_FAILURES + "[$__rate_interval]))", "failures")),
                "reqps"),
            8,
            8)
        .panel(
            Panels.promStat(
                    "Alerts firing now",
                    "Alerts the alerting service reports as firing.",
                    new Prom("sum(" + AlertDefaults.FIRING_GAUGE + ") or vector(0)", "firing"))
                .fieldConfig(
                    FieldConfig.empty()
                        .colorMode("thresholds")
                        .thresholds(Thresholds.of("green").step(1, "red"))),
            8,
            8)
        // Flink
        .panel(
            Panels.promTimeSeries(
                "Flink Kafka consumer lag",
                "Largest records lag of the Kafka source per job: growing lag means the jobs"
                    + " fall behind ingestion and metrics arrive late.",
                new Prom("max by (job_name) (" + KAFKA_RECORDS_LAG_MAX + ")", "{{job_name}}")),
            8,
            8)
        .panel(
            unit(
                Panels.promTimeSeries(
                    "Checkpoint duration",
                    "Duration of each job's last completed checkpoint.",
                    new Prom(
                        "max by (job_name) (" + LAST_CHECKPOINT_DURATION + ")", "{{job_name}}")),
                "ms"),
            8,
            8)
        .panel(
            Panels.promTimeSeries(
                "Failed checkpoints and restarts",
                "Checkpoints that failed and job restarts, per interval.",
                new Prom(
                    "sum by (job_name) (increase(" + FAILED_CHECKPOINTS + "[$__rate_interval]))",
                    "{{job_name}} failed checkpoints"),
                new Prom(
                    "sum by (job_name) (increase(" + JOB_RESTARTS + "[$__rate_interval]))",
                    "{{job_name}} restarts")),
            8,
            8)
        // alerting
        .panel(
            unit(
                Panels.promTimeSeries(
                    "Rule evaluations",
                    "Alert rule evaluations and the ones that failed (e.g. ClickHouse unreachable).",
                    new Prom("sum(rate(" + EVALUATIONS + "[$__rate_interval]))", "evaluations"),
                    new Prom(
                        "sum(rate(" + EVALUATION_FAILURES + "[$__rate_interval]))", "failures")),
                "ops"),
            12,
            8)
        .panel(
            Panels.promTimeSeries(
                "Notifications by outcome",
                "Notifications per interval by outcome (sent, retried, failed…): failures mean"
                    + " on-call may not have been paged.",
                new Prom(
                    "sum by (outcome) (increase(" + NOTIFICATIONS + "[$__rate_interval]))",
                    "{{outcome}}")),
            12,
            8)
        .build();
  }

  private static String quantile(double q) {
    return "histogram_quantile("
        + q
        + ", sum by (le) (rate("
        + KAFKA_ACK_LATENCY_BUCKET
        + "[$__rate_interval])))";
  }

  private static Panel.Spec unit(Panel.Spec spec, String unit) {
    return spec.fieldConfig(spec.fieldConfig().unit(unit));
  }
}
