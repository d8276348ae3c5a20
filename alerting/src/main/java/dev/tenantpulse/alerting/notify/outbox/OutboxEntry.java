package dev.tenantpulse.alerting.notify.outbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** One notification for one channel in the outbox, and how its delivery went so far. */
public record OutboxEntry(
    long id,
    @JsonProperty("idempotency_key") String idempotencyKey,
    String channel,
    String rule,
    @JsonProperty("labels_key") String labelsKey,
    String kind,
    @JsonIgnore String payload,
    int attempts,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("next_attempt_at") Instant nextAttemptAt,
    @JsonIgnore String claimToken,
    @JsonProperty("delivered_at") Instant deliveredAt,
    @JsonProperty("gave_up_at") Instant gaveUpAt,
    @JsonProperty("last_error") String lastError) {

  /** pending, delivered or failed (given up). */
  @JsonProperty("state")
  public String state() {
    return deliveredAt != null ? "delivered" : gaveUpAt != null ? "failed" : "pending";
  }
}
