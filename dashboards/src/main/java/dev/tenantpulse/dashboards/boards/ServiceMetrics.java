package dev.tenantpulse.dashboards.boards;

/**
 * Prometheus metric names the service health board reads, with where each comes from. Collector
 * names are Micrometer meters as Prometheus exposes them (dots to underscores, {@code _total} on
 * counters, {@code _seconds_bucket} on timers with a histogram); Flink names are its Prometheus
 * reporter's (scope and metric joined by underscores, labels such as {@code job_name}).
 */
final class ServiceMetrics {

  // collector (/actuator/prometheus)
  static final String EVENTS_ACCEPTED = "collector_events_accepted_total";
  static final String EVENTS_REJECTED = "collector_events_rejected_total"; // {reason}
  static final String REQUESTS_REFUSED = "collector_requests_refused_total"; // {code}
  static final String KAFKA_ACK_LATENCY_BUCKET = "collector_kafka_ack_latency_seconds_bucket";
  static final String KAFKA_FAILURES = "collector_kafka_failures_total";

  // Flink (PrometheusReporter): source lag per subtask, checkpoints per job
  static final String KAFKA_RECORDS_LAG_MAX =
      "flink_taskmanager_job_task_operator_KafkaSourceReader_KafkaConsumer_records_lag_max";
  static final String LAST_CHECKPOINT_DURATION = "flink_jobmanager_job_lastCheckpointDuration";
  static final String FAILED_CHECKPOINTS = "flink_jobmanager_job_numberOfFailedCheckpoints";
  static final String JOB_RESTARTS = "flink_jobmanager_job_numRestarts";

  // alerting
  // The evaluation timer's count: one per evaluation.
  static final String EVALUATIONS = "alerting_evaluation_seconds_count";
  static final String EVALUATION_FAILURES = "alerting_evaluation_failures_total";
  static final String NOTIFICATIONS = "alerting_notifications_total"; // {outcome}

  private ServiceMetrics() {}
}
