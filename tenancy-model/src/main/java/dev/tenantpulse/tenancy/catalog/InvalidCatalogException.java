package dev.tenantpulse.tenancy.catalog;

import java.util.List;

/**
 * A plan catalog was refused. Carries every problem found, so an operator who customised the
 * catalog fixes them in one pass instead of one restart per mistake.
 */
public final class InvalidCatalogException extends RuntimeException {

  private final transient List<String> problems;

  public InvalidCatalogException(String source, List<String> problems) {
    this(source, problems, null);
  }

  public InvalidCatalogException(String source, List<String> problems, Throwable cause) {
    super(message(source, problems), cause);
    this.problems = List.copyOf(problems);
  }

  private static String message(String source, List<String> problems) {
    StringBuilder message = new StringBuilder("Invalid plan catalog ").append(source).append(':');
    problems.forEach(problem -> message.append("\n  - ").append(problem));
    return message.toString();
  }

  /** Every problem, each naming the element at fault. */
  public List<String> problems() {
    return problems;
  }
}
