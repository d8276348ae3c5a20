package dev.tenantpulse.flink.recompute;

import dev.tenantpulse.flink.config.InvalidConfigException;
import dev.tenantpulse.flink.config.JobArguments;
import dev.tenantpulse.flink.config.JobConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flink run -c dev.tenantpulse.flink.recompute.RecomputeMain flink-jobs-<version>-job.jar
 * --config job.properties --from 2026-01-15T00:00:00Z --to 2026-01-22T00:00:00Z [--source
 * events|kafka]}: the job's configuration, plus the range and where to read from.
 */
public final class RecomputeMain {

  private RecomputeMain() {}

  public static void main(String[] args) throws Exception {
    JobConfig config;
    RecomputeRequest request;
    try {
      JobArguments arguments = JobArguments.parse(args);
      request = request(arguments);
      config = arguments.jobConfig();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: RecomputeMain --from <instant> --to <instant> [--source events|kafka]"
              + " [--config job.properties] [--key value …]");
      System.exit(2);
      return;
    }
    Recompute.run(config, request);
  }

  static RecomputeRequest request(JobArguments arguments) {
    List<String> problems = new ArrayList<>();
    Instant from = instant(arguments.take("from"), "--from", problems);
    Instant to = instant(arguments.take("to"), "--to", problems);
    String source = arguments.take("source");
    RecomputeRequest.Source eventSource = RecomputeRequest.Source.EVENTS;
    if (source != null) {
      try {
        eventSource = RecomputeRequest.Source.parse(source);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new RecomputeRequest(from, to, eventSource);
  }

  private static Instant instant(String text, String name, List<String> problems) {
    if (text == null) {
      problems.add(name + ": required, an ISO-8601 instant such as 2026-01-15T00:00:00Z");
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(name + ": '" + text + "' is not an instant such as 2026-01-15T00:00:00Z");
      return null;
    }
  }
}
