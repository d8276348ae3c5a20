package dev.tenantpulse.tenancy.events;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of validating one raw event: the event, or every problem with it. Sealed so callers
 * handle both; with Java 17 use {@link #isValid()} or {@code instanceof}.
 */
public sealed interface ValidationResult permits ValidationResult.Valid, ValidationResult.Invalid {

  boolean isValid();

  /** The validated event; throws {@link IllegalStateException} when the result is invalid. */
  TenantEvent event();

  /** Every problem found; empty when valid. */
  List<FieldProblem> problems();

  static ValidationResult valid(TenantEvent event) {
    return new Valid(event);
  }

  static ValidationResult invalid(List<FieldProblem> problems) {
    return new Invalid(problems);
  }

  /** A valid event. */
  record Valid(TenantEvent event) implements ValidationResult {
    public Valid {
      Objects.requireNonNull(event, "event");
    }

    @Override
    public boolean isValid() {
      return true;
    }

    @Override
    public List<FieldProblem> problems() {
      return List.of();
    }
  }

  /** A refused event, with at least one problem. */
  record Invalid(List<FieldProblem> problems) implements ValidationResult {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid result needs at least one problem");
      }
    }

    @Override
    public boolean isValid() {
      return false;
    }

    @Override
    public TenantEvent event() {
      throw new IllegalStateException("event is invalid: " + summary());
    }

    /** The problems as one line, for a rejection response: {@code "field: reason; ..."}. */
    public String summary() {
      return problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; "));
    }
  }
}
