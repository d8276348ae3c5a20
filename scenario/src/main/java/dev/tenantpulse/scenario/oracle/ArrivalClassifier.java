package dev.tenantpulse.scenario.oracle;

import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the arrivals once: drops later copies of a (tenant_id, id), and marks an event late when
 * its timestamp is more than the lateness behind the newest event time seen before it (by its own
 * rule, not the generator's flag).
 */
final class ArrivalClassifier {

  /** The outcome: every {@code events} row, and the events the metrics count, in arrival order. */
  record Classified(
      List<ExpectedEvent> rows, List<TenantEvent> counted, long duplicates, long lateEvents) {}

  private ArrivalClassifier() {}

  /** {@code receivedAt} is parallel to {@code events}, or null. */
  static Classified classify(
      List<TenantEvent> events, List<Instant> receivedAt, OracleOptions options) {
    long lateness = options.lateness().toMillis();
    Map<String, Set<String>> seenIds = new HashMap<>();
    List<ExpectedEvent> rows = new ArrayList<>();
    List<TenantEvent> counted = new ArrayList<>();
    long duplicates = 0;
    long lateEvents = 0;
    long newest = Long.MIN_VALUE;
    for (int i = 0; i < events.size(); i++) {
      TenantEvent event = events.get(i);
      long ts = event.timestamp().toEpochMilli();
      boolean first =
          seenIds.computeIfAbsent(event.tenantId(), t -> new HashSet<>()).add(event.id());
      if (!first) {
        duplicates++;
      } else {
        boolean late = newest != Long.MIN_VALUE && newest - ts > lateness;
        if (late) {
          lateEvents++;
        }
        rows.add(row(event, receivedAt == null ? null : receivedAt.get(i), late));
        if (!late || options.countLate()) {
          counted.add(event);
        }
      }
      newest = Math.max(newest, ts);
    }
    return new Classified(rows, counted, duplicates, lateEvents);
  }

  private static ExpectedEvent row(TenantEvent e, Instant receivedAt, boolean late) {
    return new ExpectedEvent(
        e.tenantId(),
        e.id(),
        e.type().wireName(),
        e.timestamp(),
        receivedAt,
        e.userId(),
        e.feature(),
        e.step(),
        e.meter(),
        e.quantity(),
        e.plan(),
        e.billingModel() == null ? null : e.billingModel().wireName(),
        e.tenancyModel() == null ? null : e.tenancyModel().wireName(),
        e.seats(),
        e.properties() == null ? "{}" : e.properties(),
        late);
  }
}
