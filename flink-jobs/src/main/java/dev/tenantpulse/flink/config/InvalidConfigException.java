package dev.tenantpulse.flink.config;

import java.util.List;

/** A configuration the job refuses to start with; the message names every bad property. */
public final class InvalidConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidConfigException(List<String> problems) {
    super("invalid Tenant Pulse job configuration:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each naming its property. */
  public List<String> problems() {
    return problems;
  }
}
