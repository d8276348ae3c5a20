package dev.tenantpulse.alerting.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rules document that cannot be used, with every problem found in it. */
public class InvalidRulesException extends RuntimeException {

  private final transient List<RuleProblem> problems;

  public InvalidRulesException(String source, List<RuleProblem> problems) {
    super(
        "invalid rules in "
            + source
            + ": "
            + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<RuleProblem> problems() {
    return problems;
  }
}
