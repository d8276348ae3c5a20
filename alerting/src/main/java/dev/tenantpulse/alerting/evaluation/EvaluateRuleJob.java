package dev.tenantpulse.alerting.evaluation;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * The Quartz job of one rule (job name = rule name). {@code @DisallowConcurrentExecution}: Quartz
 * never runs two evaluations of the same rule at once, across the cluster too (the JDBC job store
 * blocks the job's other triggers while one runs). A failure is logged and counted by the service
 * and not re-fired at once: the next interval evaluates again.
 */
@DisallowConcurrentExecution
public class EvaluateRuleJob implements Job {

  private final EvaluationService evaluations;

  public EvaluateRuleJob(EvaluationService evaluations) {
    this.evaluations = evaluations;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    String rule = context.getJobDetail().getKey().getName();
    try {
      evaluations.evaluate(rule, context.getScheduledFireTime().toInstant());
    } catch (RuntimeException e) {
      throw new JobExecutionException("evaluation of rule " + rule + " failed", e, false);
    }
  }
}
