package dev.tenantpulse.alerting.api;

import dev.tenantpulse.alerting.evaluation.EvaluationLog;
import dev.tenantpulse.alerting.notify.outbox.OutboxEntry;
import dev.tenantpulse.alerting.notify.outbox.OutboxStore;
import dev.tenantpulse.alerting.rules.Labels;
import dev.tenantpulse.alerting.state.AlertHistory;
import dev.tenantpulse.alerting.state.AlertInstance;
import dev.tenantpulse.alerting.state.AlertStore;
import dev.tenantpulse.alerting.state.HistoryEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What alerting knows: current alert instances ({@code GET /api/alerts}), their history ({@code GET
 * /api/alerts/history}), the outbox ({@code GET /api/notifications}) and the evaluation log ({@code
 * GET /api/evaluations}).
 */
@RestController
class AlertsController {

  private static final int MAX_LIMIT = 1000;

  private final AlertStore alerts;
  private final AlertHistory history;
  private final OutboxStore outbox;
  private final EvaluationLog evaluations;

  AlertsController(
      AlertStore alerts, AlertHistory history, OutboxStore outbox, EvaluationLog evaluations) {
    this.alerts = alerts;
    this.history = history;
    this.outbox = outbox;
    this.evaluations = evaluations;
  }

  /** Instances not inactive (all of them with {@code all=true}), optionally of one rule. */
  @GetMapping("/api/alerts")
  List<Map<String, Object>> alerts(
      @RequestParam(required = false) String rule,
      @RequestParam(defaultValue = "false") boolean all) {
    return alerts.list(rule, all).stream().map(AlertsController::view).toList();
  }

  /**
   * Status changes, newest first. {@code labels} is the instance's labels as {@code
   * name=value,name=value}; {@code from}/{@code to} are ISO-8601 instants.
   */
  @GetMapping("/api/alerts/history")
  List<HistoryEntry> history(
      @RequestParam(required = false) String rule,
      @RequestParam(required = false) String labels,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "100") int limit) {
    return history.query(
        rule,
        labels == null ? null : Labels.fromKey(labels),
        instant("from", from),
        instant("to", to),
        limit(limit));
  }

  @GetMapping("/api/notifications")
  List<OutboxEntry> notifications(
      @RequestParam(required = false) String state, @RequestParam(defaultValue = "100") int limit) {
    if (state != null && !Set.of("pending", "delivered", "failed").contains(state)) {
      throw ApiException.badRequest(
          "bad_parameter", "state must be pending, delivered or failed, was '" + state + "'");
    }
    return outbox.list(state, limit(limit));
  }

  @GetMapping("/api/evaluations")
  List<EvaluationLog.Entry> evaluations(
      @RequestParam(required = false) String rule, @RequestParam(defaultValue = "100") int limit) {
    return evaluations.recent(rule, limit(limit));
  }

  static Map<String, Object> view(AlertInstance a) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("rule", a.rule());
    v.put("labels", a.labels().values());
    v.put("status", a.status().text());
    v.put("since", a.statusSince());
    v.put("value", a.value());
    v.put("summary", a.summary());
    v.put("episode", a.episode());
    v.put("notifications_sent", a.notificationsSent());
    v.put("last_notified_at", a.lastNotifiedAt());
    v.put("last_evaluated_at", a.lastEvaluatedAt());
    return v;
  }

  private static int limit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest(
          "bad_parameter", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    return limit;
  }

  private static Instant instant(String name, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "bad_parameter", name + " must be an ISO-8601 instant such as 2026-11-27T09:00:00Z");
    }
  }
}
