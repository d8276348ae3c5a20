package dev.tenantpulse.tenancy.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The onboarding funnel, in the order tenants are expected to pass it.
 *
 * <p>Two steps have a meaning of their own for the onboarding metrics: the value step (time to
 * first value, which predicts trial-to-paid conversion) and the completion step (time to complete
 * onboarding). Order is informative only: tenants may report steps out of order.
 *
 * @param steps step ids in funnel order
 * @param valueStep the step that marks first value; one of {@code steps}
 * @param completionStep the step that marks completed onboarding; one of {@code steps}
 */
public record OnboardingSteps(List<String> steps, String valueStep, String completionStep) {

  public OnboardingSteps {
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("onboarding must define at least one step");
    }
    Set<String> seen = new HashSet<>();
    for (String step : steps) {
      CatalogId.require(step, "onboarding step");
      if (!seen.add(step)) {
        throw new IllegalArgumentException("duplicate onboarding step id \"" + step + '"');
      }
    }
    requireListed("value step", valueStep, steps);
    requireListed("completion step", completionStep, steps);
  }

  private static void requireListed(String what, String step, List<String> steps) {
    if (step == null || !steps.contains(step)) {
      throw new IllegalArgumentException(
          what
              + " "
              + (step == null ? "null" : '"' + step + '"')
              + " is not one of the steps "
              + steps);
    }
  }

  /** Whether {@code step} is one of the steps. */
  public boolean contains(String step) {
    return steps.contains(step);
  }
}
