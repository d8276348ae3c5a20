package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.collector.auth.ApiKeyPrincipal;
import dev.tenantpulse.collector.entitlements.TenantPlans;
import dev.tenantpulse.collector.limits.RateLimiter;
import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.EventLimits;
import dev.tenantpulse.tenancy.events.EventValidator;
import dev.tenantpulse.tenancy.events.FieldProblem;
import dev.tenantpulse.tenancy.events.TenantEvent;
import dev.tenantpulse.tenancy.events.ValidationResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * One batch of events, from parsed JSON to Kafka: validate each event, keep the key to its tenants
 * and a client key from moving plans, publish the valid ones and wait for Kafka, then record plan
 * changes for the entitlements API. Native and Segment batches both end here, so this is the one
 * place that decides what a key may send.
 */
@Service
public class IngestService {

  private final EventValidator validator;
  private final EventCodec codec = new EventCodec();
  private final EventPublisher publisher;
  private final RateLimiter rateLimiter;
  private final TenantPlans tenantPlans;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Counter accepted;
  private final DistributionSummary batchSizes;

  IngestService(
      EventValidator validator,
      EventPublisher publisher,
      RateLimiter rateLimiter,
      TenantPlans tenantPlans,
      Clock clock,
      MeterRegistry meters) {
    this.validator = validator;
    this.publisher = publisher;
    this.rateLimiter = rateLimiter;
    this.tenantPlans = tenantPlans;
    this.clock = clock;
    this.meters = meters;
    this.accepted = meters.counter("collector.events.accepted");
    this.batchSizes =
        DistributionSummary.builder("collector.batch.size")
            .description("events per request")
            .publishPercentileHistogram()
            .register(meters);
  }

  /**
   * Validates and publishes {@code events} (raw JSON objects in the contract's shape) for {@code
   * key}. Answers 403 when every event is for a tenant the key may not write.
   */
  public IngestResult ingest(ApiKeyPrincipal key, List<JsonNode> events) {
    return ingest(key, events, Map.of());
  }

  /**
   * As {@link #ingest(ApiKeyPrincipal, List)}, with events an adapter (Segment) already refused, by
   * index, with its reasons: they are answered like invalid events and never validated.
   */
  public IngestResult ingest(
      ApiKeyPrincipal key, List<JsonNode> events, Map<Integer, List<FieldProblem>> refused) {
    if (events.isEmpty()) {
      throw ApiException.badRequest(
          "empty_batch", "the request holds no events; send at least one");
    }
    if (events.size() > EventLimits.MAX_EVENTS_PER_REQUEST) {
      throw ApiException.tooLarge(
          "a request may hold at most "
              + EventLimits.MAX_EVENTS_PER_REQUEST
              + " events, this one holds "
              + events.size());
    }
    batchSizes.record(events.size());
    rateLimiter.acquire(key.keyId(), Math.max(1, events.size()));
    Instant receivedAt = clock.instant();
    List<EncodedEvent> valid = new ArrayList<>(events.size());
    List<Rejection> rejected = new ArrayList<>();
    int forbidden = 0;
    for (int i = 0; i < events.size(); i++) {
      JsonNode raw = events.get(i);
      if (refused.containsKey(i)) {
        rejected.add(rejection(i, raw, refused.get(i), "invalid"));
        continue;
      }
      ValidationResult result = validator.validate(raw, receivedAt);
      if (!result.isValid()) {
        rejected.add(rejection(i, raw, result.problems(), "invalid"));
        continue;
      }
      TenantEvent event = result.event();
      if (!key.mayWrite(event.tenantId())) {
        forbidden++;
        rejected.add(
            rejection(
                i,
                raw,
                List.of(
                    new FieldProblem(
                        "tenant_id", "this API key may not write tenant " + event.tenantId())),
                "forbidden_tenant"));
        continue;
      }
      if (!key.maySend(event.type())) {
        rejected.add(rejection(i, raw, List.of(serverKeysOnly(event)), "server_key_only"));
        continue;
      }
      byte[] encoded = codec.encode(event);
      if (encoded.length > EventLimits.MAX_EVENT_BYTES) {
        rejected.add(
            rejection(
                i,
                raw,
                List.of(
                    new FieldProblem(
                        FieldProblem.EVENT,
                        "an event may hold at most " + EventLimits.MAX_EVENT_BYTES + " bytes")),
                "too_large"));
        continue;
      }
      valid.add(new EncodedEvent(event, encoded));
    }
    if (!events.isEmpty() && forbidden == events.size()) {
      throw new ApiException(
          org.springframework.http.HttpStatus.FORBIDDEN,
          "forbidden_tenant",
          "this API key may not write any tenant of this request; nothing was stored",
          null,
          Map.of("rejected", rejected));
    }
    if (!valid.isEmpty()) {
      publisher.publishAll(valid, receivedAt);
      tenantPlans.recordPlanEvents(valid.stream().map(EncodedEvent::event).toList());
    }
    accepted.increment(valid.size());
    return new IngestResult(valid.size(), rejected);
  }

  /** Why a client key's signup, plan change or churn is refused. */
  private static FieldProblem serverKeysOnly(TenantEvent event) {
    return new FieldProblem(
        "type",
        event.type().wireName()
            + " moves the tenant's plan and billing: only a server key may send it");
  }

  private Rejection rejection(int index, JsonNode raw, List<FieldProblem> problems, String reason) {
    meters.counter("collector.events.rejected", "reason", reason).increment();
    JsonNode id = raw != null && raw.isObject() ? raw.get("id") : null;
    String idText = id != null && id.isString() ? id.asString() : null;
    StringBuilder error = new StringBuilder();
    List<String> fields = new ArrayList<>();
    for (FieldProblem p : problems) {
      if (!error.isEmpty()) {
        error.append("; ");
      }
      error.append(p);
      fields.add(p.field());
    }
    return new Rejection(index, idText, error.toString(), fields);
  }
}
