package dev.tenantpulse.tenancy.events;

import java.util.Objects;

/**
 * One reason an event was refused.
 *
 * @param field the JSON field at fault, as named in the contract ({@code tenant_id}), or {@link
 *     #EVENT} when the event as a whole is wrong
 * @param reason a sentence for the sender, saying what is expected
 */
public record FieldProblem(String field, String reason) {

  /** The {@code field} of a problem with the whole event (for example: not a JSON object). */
  public static final String EVENT = "event";

  public FieldProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
