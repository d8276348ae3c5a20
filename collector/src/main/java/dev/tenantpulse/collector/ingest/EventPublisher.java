package dev.tenantpulse.collector.ingest;

import java.time.Instant;
import java.util.List;

/** Where accepted events go durably (Kafka). */
public interface EventPublisher {

  /**
   * Writes every event and returns only once all are acknowledged by every in-sync replica.
   *
   * @throws dev.tenantpulse.collector.web.ApiException 503 when that did not happen in time: then
   *     none of them may count as accepted (a retry is safe, the (tenant_id, id) key dedups)
   */
  void publishAll(List<EncodedEvent> events, Instant receivedAt);
}
