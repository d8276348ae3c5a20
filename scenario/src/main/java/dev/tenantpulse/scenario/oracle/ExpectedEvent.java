package dev.tenantpulse.scenario.oracle;

import java.time.Instant;

/**
 * A row of {@code events}: the first copy of each (tenant_id, event_id), late ones included.
 *
 * @param type the wire name of the event type
 * @param receivedAt when it arrived; null when the oracle was given bare events
 * @param billingModel wire name, null when not sent (likewise {@code tenancyModel})
 * @param properties the properties as compact JSON text, {@code {}} when none were sent
 * @param late whether it arrived more than the lateness behind the newest event time before it
 */
public record ExpectedEvent(
    String tenantId,
    String eventId,
    String type,
    Instant eventTime,
    Instant receivedAt,
    String userId,
    String feature,
    String step,
    String meter,
    Double quantity,
    String plan,
    String billingModel,
    String tenancyModel,
    Integer seats,
    String properties,
    boolean late) {}
