package dev.tenantpulse.alerting;

import dev.tenantpulse.alerting.evaluation.EvaluationLog;
import dev.tenantpulse.alerting.notify.outbox.OutboxStore;
import dev.tenantpulse.alerting.rules.RulesRepository;
import dev.tenantpulse.alerting.silences.SilenceStore;
import dev.tenantpulse.alerting.state.AlertHistory;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Background chores of each instance: picks up a rules file changed by hand or by another instance
 * sharing it, and deletes history, finished notifications, ended silences and evaluation log lines
 * past their retention (hourly; idempotent, so every instance may do it).
 */
@Component
class Housekeeping implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

  private final RulesRepository rules;
  private final AlertHistory history;
  private final OutboxStore outbox;
  private final SilenceStore silences;
  private final EvaluationLog evaluations;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final AlertingProperties properties;
  private ScheduledExecutorService executor;

  Housekeeping(
      RulesRepository rules,
      AlertHistory history,
      OutboxStore outbox,
      SilenceStore silences,
      EvaluationLog evaluations,
      TransactionTemplate tx,
      Clock clock,
      AlertingProperties properties) {
    this.rules = rules;
    this.history = history;
    this.outbox = outbox;
    this.silences = silences;
    this.evaluations = evaluations;
    this.tx = tx;
    this.clock = clock;
    this.properties = properties;
  }

  @Override
  public void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("alerting-housekeeping").daemon().unstarted(r));
    long reload = properties.rulesReloadInterval().toMillis();
    if (reload > 0) {
      executor.scheduleWithFixedDelay(this::reloadRules, reload, reload, TimeUnit.MILLISECONDS);
    }
    executor.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
  }

  private void reloadRules() {
    try {
      rules.reloadIfChanged();
    } catch (RuntimeException e) {
      log.warn("checking the rules file failed: {}", e.toString());
    }
  }

  /** Deletes what is past retention; returns the number of rows deleted. */
  int purge() {
    try {
      Instant now = clock.instant();
      Instant historyCutoff = now.minus(properties.historyRetention());
      Integer deleted =
          tx.execute(
              s ->
                  history.deleteBefore(historyCutoff)
                      + outbox.deleteFinishedBefore(historyCutoff)
                      + silences.deleteEndedBefore(historyCutoff)
                      + evaluations.deleteBefore(now.minus(properties.evaluationLogRetention())));
      if (deleted != null && deleted > 0) {
        log.info("deleted {} rows past retention", deleted);
      }
      return deleted == null ? 0 : deleted;
    } catch (RuntimeException e) {
      log.warn("retention clean-up failed: {}", e.toString());
      return 0;
    }
  }

  @Override
  public void stop() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null && !executor.isShutdown();
  }
}
