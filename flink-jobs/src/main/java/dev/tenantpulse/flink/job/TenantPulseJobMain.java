package dev.tenantpulse.flink.job;

import dev.tenantpulse.flink.config.InvalidConfigException;
import dev.tenantpulse.flink.config.JobArguments;
import dev.tenantpulse.flink.config.JobConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code flink run -c dev.tenantpulse.flink.job.TenantPulseJobMain flink-jobs-<version>-job.jar
 * --config job.properties [--key value …]}.
 */
public final class TenantPulseJobMain {

  private static final Logger LOG = LoggerFactory.getLogger(TenantPulseJobMain.class);

  private TenantPulseJobMain() {}

  public static void main(String[] args) throws Exception {
    JobConfig config;
    try {
      config = JobArguments.parse(args).jobConfig();
    } catch (InvalidConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    LOG.info("starting {} with {}", TenantPulseJob.JOB_NAME, config);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    TenantPulseJob.build(env, config);
    env.execute(TenantPulseJob.JOB_NAME);
  }
}
