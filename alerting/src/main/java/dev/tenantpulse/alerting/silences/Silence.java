package dev.tenantpulse.alerting.silences;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantpulse.alerting.rules.Labels;
import java.time.Instant;
import java.util.Map;

/**
 * Suppresses notifications of the alert instances it matches while it is active.
 *
 * @param rule the rule it applies to, null for every rule
 * @param matchers label name → exact value; every one must hold (none: every instance of the rule)
 */
public record Silence(
    String id,
    String rule,
    Map<String, String> matchers,
    @JsonProperty("starts_at") Instant startsAt,
    @JsonProperty("ends_at") Instant endsAt,
    String comment,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("created_at") Instant createdAt) {

  public Silence {
    matchers = Map.copyOf(matchers);
  }

  public boolean activeAt(Instant now) {
    return !now.isBefore(startsAt) && now.isBefore(endsAt);
  }

  public boolean matches(String ruleName, Labels labels) {
    return (rule == null || rule.equals(ruleName)) && labels.matches(matchers);
  }

  /** active, pending (starts later) or expired, at {@code now}. */
  public String state(Instant now) {
    return now.isBefore(startsAt) ? "pending" : now.isBefore(endsAt) ? "active" : "expired";
  }
}
