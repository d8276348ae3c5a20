package dev.tenantpulse.alerting.evaluation;

import dev.tenantpulse.alerting.InstanceId;
import dev.tenantpulse.alerting.metrics.AlertingMetrics;
import dev.tenantpulse.alerting.notify.Notification;
import dev.tenantpulse.alerting.notify.NotificationKeys;
import dev.tenantpulse.alerting.notify.NotificationKind;
import dev.tenantpulse.alerting.notify.outbox.OutboxDispatcher;
import dev.tenantpulse.alerting.notify.outbox.OutboxStore;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RuleKind;
import dev.tenantpulse.alerting.rules.RulesRepository;
import dev.tenantpulse.alerting.silences.Silence;
import dev.tenantpulse.alerting.silences.SilenceStore;
import dev.tenantpulse.alerting.state.AlertHistory;
import dev.tenantpulse.alerting.state.AlertInstance;
import dev.tenantpulse.alerting.state.AlertStatus;
import dev.tenantpulse.alerting.state.AlertStore;
import dev.tenantpulse.alerting.state.Decision;
import dev.tenantpulse.alerting.state.StateMachine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * One evaluation of one rule: read ClickHouse (outside any transaction), then in ONE metadata
 * transaction move every instance through the state machine, append history, write the outbox rows
 * of the notifications decided and log the evaluation. Deciding to notify and recording the
 * notification therefore commit together or not at all; the dispatcher sends after the commit.
 */
@Service
public class EvaluationService {

  private static final Logger log = LoggerFactory.getLogger(EvaluationService.class);

  /** What an evaluation did, for callers and tests. */
  public record Result(
      String rule, String outcome, int observations, int changes, int notifications) {}

  private final RulesRepository rules;
  private final Map<RuleKind, RuleEvaluator> evaluators;
  private final FirstDataGrace firstDataGrace;
  private final AlertStore alerts;
  private final AlertHistory history;
  private final SilenceStore silences;
  private final OutboxStore outbox;
  private final OutboxDispatcher dispatcher;
  private final EvaluationLog evaluationLog;
  private final AlertingMetrics metrics;
  private final TransactionTemplate tx;
  private final JsonMapper json;
  private final Clock clock;
  private final String instanceId;

  public EvaluationService(
      RulesRepository rules,
      List<RuleEvaluator> evaluators,
      FirstDataGrace firstDataGrace,
      AlertStore alerts,
      AlertHistory history,
      SilenceStore silences,
      OutboxStore outbox,
      OutboxDispatcher dispatcher,
      EvaluationLog evaluationLog,
      AlertingMetrics metrics,
      TransactionTemplate tx,
      JsonMapper json,
      Clock clock,
      InstanceId instanceId) {
    this.rules = rules;
    this.evaluators =
        evaluators.stream().collect(Collectors.toMap(RuleEvaluator::kind, Function.identity()));
    this.firstDataGrace = firstDataGrace;
    this.alerts = alerts;
    this.history = history;
    this.silences = silences;
    this.outbox = outbox;
    this.dispatcher = dispatcher;
    this.evaluationLog = evaluationLog;
    this.metrics = metrics;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
    this.instanceId = instanceId.value();
  }

  /**
   * Evaluates {@code ruleName} now. {@code scheduledAt} is the Quartz fire time it serves (null
   * when called by hand). A rule that no longer exists or is disabled is skipped.
   */
  public Result evaluate(String ruleName, Instant scheduledAt) {
    Rule rule = rules.current().rule(ruleName).orElse(null);
    if (rule == null || !rule.enabled()) {
      return new Result(ruleName, "skipped", 0, 0, 0);
    }
    Instant now = clock.instant();
    long started = System.nanoTime();
    try {
      List<Observation> observations =
          firstDataGrace.apply(rule, evaluators.get(rule.kind()).evaluate(rule, now), now);
      Result result =
          tx.execute(
              status -> {
                Result r = apply(rule, observations, now);
                evaluationLog.record(
                    new EvaluationLog.Entry(
                        rule.name(),
                        scheduledAt,
                        instanceId,
                        now,
                        elapsedMs(started),
                        "ok",
                        r.observations()
                            + " observed, "
                            + r.notifications()
                            + " to notify"
                            + waiting(observations)));
                return r;
              });
      metrics.evaluated(rule.name(), Duration.ofNanos(System.nanoTime() - started), true);
      if (result.notifications() > 0) {
        dispatcher.wakeUp();
      }
      metrics.alertCounts(alerts.activeCounts());
      return result;
    } catch (RuntimeException e) {
      metrics.evaluated(rule.name(), Duration.ofNanos(System.nanoTime() - started), false);
      log.error("evaluation of rule {} failed: {}", rule.name(), e.toString(), e);
      try {
        tx.executeWithoutResult(
            s ->
                evaluationLog.record(
                    new EvaluationLog.Entry(
                        rule.name(),
                        scheduledAt,
                        instanceId,
                        now,
                        elapsedMs(started),
                        "failed",
                        e.toString())));
      } catch (RuntimeException logFailure) {
        e.addSuppressed(logFailure);
      }
      throw e;
    }
  }

  private Result apply(Rule rule, List<Observation> observations, Instant now) {
    Map<String, AlertInstance> known = alerts.lockRule(rule.name());
    List<Silence> active = silences.activeAt(now);
    Map<String, Observation> byKey = new HashMap<>();
    for (Observation o : observations) {
      byKey.put(o.labels().key(), o);
    }
    if (observations.stream().allMatch(Observation::judged)) {
      // Fresh data without an instance we knew (a plan that vanished): its condition no longer
      // holds, so it resolves instead of staying firing forever.
      for (AlertInstance instance : known.values()) {
        byKey.computeIfAbsent(
            instance.labels().key(),
            k -> Observation.notMet(instance.labels(), null, "no longer reported by the metric"));
      }
    }
    int changes = 0;
    int notifications = 0;
    List<Observation> ordered = new ArrayList<>(byKey.values());
    ordered.sort((a, b) -> a.labels().key().compareTo(b.labels().key()));
    for (Observation o : ordered) {
      String key = o.labels().key();
      AlertInstance previous = known.get(key);
      AlertInstance base =
          previous != null ? previous : AlertInstance.fresh(rule.name(), o.labels(), now);
      boolean silenced = active.stream().anyMatch(s -> s.matches(rule.name(), o.labels()));
      Decision d = StateMachine.step(base, o, rule, now, silenced);
      if (previous == null) {
        if (d.next().status() == AlertStatus.INACTIVE
            && o.outcome() != Observation.Outcome.WAITING) {
          // Nothing to remember about an instance that never left inactive. One waiting for its
          // first data is kept, so that GET /api/alerts?all=true says why nothing is judged yet.
          continue;
        }
        alerts.insert(d.next());
      } else {
        alerts.update(d.next());
      }
      for (Decision.Change change : d.changes()) {
        history.append(d.next(), change, now);
        changes++;
        log.info(
            "rule {} {}: {} -> {}{}",
            rule.name(),
            o.labels(),
            change.from().text(),
            change.to().text(),
            change.silenced() ? " (silenced)" : "");
      }
      for (Decision.Notify n : d.notifications()) {
        if (!n.silenced()) {
          enqueue(rule, d.next(), n, now);
          notifications++;
        }
      }
    }
    return new Result(rule.name(), "ok", observations.size(), changes, notifications);
  }

  /**
   * Prefixes the summary of a RESOLVED that ends a no-data episode: the current observation's
   * summary alone ("26 % below the weekly average") would read as if the condition had cleared.
   */
  static final String DATA_IS_BACK = "data is back: ";

  private void enqueue(Rule rule, AlertInstance instance, Decision.Notify n, Instant now) {
    String key =
        NotificationKeys.idempotencyKey(
            rule.name(), instance.labels(), n.kind(), n.episode(), n.index());
    Notification notification =
        new Notification(
            key,
            NotificationKeys.dedupKey(rule.name(), instance.labels()),
            rule.name(),
            rule.kind().id(),
            n.kind().text(),
            n.kind() != NotificationKind.RESOLVED && n.index() > 0,
            instance.labels().values(),
            rule.severity().text(),
            instance.value(),
            n.endsNoData() ? DATA_IS_BACK + instance.summary() : instance.summary(),
            rule.description(),
            n.episode(),
            instance.episodeStartedAt(),
            now);
    String payload = json.writeValueAsString(notification);
    for (String channel : rule.channels()) {
      outbox.enqueue(
          key, channel, rule.name(), instance.labels().key(), n.kind().text(), payload, now);
    }
  }

  /** The evaluation log's reason when the rule waits for its table's first data. */
  private static String waiting(List<Observation> observations) {
    return observations.stream()
        .filter(o -> o.outcome() == Observation.Outcome.WAITING)
        .map(o -> "; " + o.summary())
        .findFirst()
        .orElse("");
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
