package dev.tenantpulse.alerting.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/** One line of alert history: a status change or a re-notification. */
public record HistoryEntry(
    long id,
    String rule,
    Map<String, String> labels,
    @JsonProperty("from") String fromStatus,
    @JsonProperty("to") String toStatus,
    Instant at,
    Double value,
    String summary,
    int episode,
    boolean notified,
    boolean silenced) {}
