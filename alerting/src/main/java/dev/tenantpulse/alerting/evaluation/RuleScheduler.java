package dev.tenantpulse.alerting.evaluation;

import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.rules.RulesChanged;
import dev.tenantpulse.alerting.rules.RulesDocument;
import dev.tenantpulse.alerting.rules.RulesRepository;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps Quartz's jobs in step with the rules: one job and one repeating trigger per enabled rule,
 * every {@code evaluation_interval}. The jobs live in the JDBC job store, shared by every instance:
 * an unchanged rule keeps its trigger (and its schedule), so instances starting or reloading the
 * rules do not reset each other's schedules.
 *
 * <p>Misfires (fires missed while every instance was down, or late beyond {@code
 * org.quartz.jobStore.misfireThreshold}): {@code
 * withMisfireHandlingInstructionNowWithExistingCount} fires once at once, then goes on every
 * interval from then. An evaluation judges the newest data, so N catch-up runs would judge the same
 * rows N times (and could re-notify N times), while waiting for the next slot (the {@code
 * NextWithRemainingCount} choice) would leave an outage unseen for up to an interval after a
 * restart.
 */
@Component
public class RuleScheduler {

  static final String GROUP = "alerting-rules";
  private static final Logger log = LoggerFactory.getLogger(RuleScheduler.class);

  private final Scheduler scheduler;
  private final RulesRepository rules;

  public RuleScheduler(Scheduler scheduler, RulesRepository rules) {
    this.scheduler = scheduler;
    this.rules = rules;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void onStart() {
    sync(rules.current());
  }

  @EventListener
  public void onRulesChanged(RulesChanged event) {
    sync(event.rules());
  }

  synchronized void sync(RulesDocument document) {
    try {
      Set<String> wanted =
          document.rules().values().stream()
              .filter(Rule::enabled)
              .map(Rule::name)
              .collect(Collectors.toSet());
      for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
        if (!wanted.contains(job.getName())) {
          scheduler.deleteJob(job);
          log.info("unscheduled rule {}", job.getName());
        }
      }
      for (Rule rule : document.rules().values()) {
        if (rule.enabled()) {
          schedule(rule);
        }
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule the alerting rules: " + e.getMessage(), e);
    }
  }

  private void schedule(Rule rule) throws SchedulerException {
    TriggerKey key = TriggerKey.triggerKey(rule.name(), GROUP);
    long interval = rule.evaluationInterval().toMillis();
    Trigger existing = scheduler.getTrigger(key);
    if (existing instanceof SimpleTrigger simple && simple.getRepeatInterval() == interval) {
      return;
    }
    JobDetail job =
        JobBuilder.newJob(EvaluateRuleJob.class)
            .withIdentity(rule.name(), GROUP)
            .withDescription("evaluates alerting rule " + rule.name())
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(key)
            .forJob(job)
            .startAt(Date.from(Instant.now()))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(interval)
                    .repeatForever()
                    .withMisfireHandlingInstructionNowWithExistingCount())
            .build();
    // replace = true: another instance may have stored the same job meanwhile; either is right.
    scheduler.scheduleJob(job, Set.of(trigger), true);
    log.info("scheduled rule {} every {} ms", rule.name(), interval);
  }
}
