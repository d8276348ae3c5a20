package dev.tenantpulse.alerting.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One mistake in a rules file: which rule (or channel), which field, and why.
 *
 * @param rule the rule's name, null when the problem is elsewhere
 * @param channel the channel's name, null when the problem is elsewhere
 * @param field the field's path inside the rule or channel (e.g. {@code params.drop_ratio}), or the
 *     top-level key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleProblem(String rule, String channel, String field, String reason) {

  static RuleProblem rule(String rule, String field, String reason) {
    return new RuleProblem(rule, null, field, reason);
  }

  static RuleProblem channel(String channel, String field, String reason) {
    return new RuleProblem(null, channel, field, reason);
  }

  static RuleProblem document(String field, String reason) {
    return new RuleProblem(null, null, field, reason);
  }

  @Override
  public String toString() {
    String where =
        rule != null ? "rule '" + rule + "'" : channel != null ? "channel '" + channel + "'" : "";
    return (where.isEmpty() ? "" : where + ", ") + "field '" + field + "': " + reason;
  }
}
