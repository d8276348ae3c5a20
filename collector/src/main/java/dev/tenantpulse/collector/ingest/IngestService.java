package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.collector.auth.ApiKeyPrincipal;
import dev.tenantpulse.collector.entitlements.TenantPlans;
import dev.tenantpulse.collector.limits.RateLimiter;
import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.EventLimits;
import dev.tenantpulse.tenancy.events.EventValidator;
import dev.tenantpulse.tenancy.events.FieldProblem;
import dev.tenantpulse.tenancy.events.StreamedEvent;
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
    return ingest(
        key,
        events.size(),
        new Batch() {
          @Override
          public List<FieldProblem> refused(int i) {
            return refused.get(i);
          }

          @Override
          public ValidationResult validate(int i, Instant receivedAt) {
            return validator.validate(events.get(i), receivedAt);
          }

          @Override
          public byte[] encode(int i, TenantEvent event) {
            return codec.encode(event);
          }

          @Override
          public String id(int i) {
            JsonNode raw = events.get(i);
            JsonNode id = raw != null && raw.isObject() ? raw.get("id") : null;
            return id != null && id.isString() ? id.asString() : null;
          }
        });
  }

  /**
   * As {@link #ingest(ApiKeyPrincipal, List)}, for events read from the request's tokens ({@link
   * StreamedEvent}) instead of a tree: the same checks, answers and Kafka bytes, without the tree.
   */
  public IngestResult ingestStreamed(ApiKeyPrincipal key, List<StreamedEvent> events) {
    return ingest(
        key,
        events.size(),
        new Batch() {
          @Override
          public List<FieldProblem> refused(int i) {
            return null;
          }

          @Override
          public ValidationResult validate(int i, Instant receivedAt) {
            return validator.validateStreamed(events.get(i), receivedAt);
          }

          @Override
          public byte[] encode(int i, TenantEvent event) {
            return codec.encode(event, events.get(i));
          }

          @Override
          public String id(int i) {
            return events.get(i).id();
          }
        });
  }

  /** The events of one request, however they were read. */
  private interface Batch {

    /** An adapter's reasons for refusing event {@code i}; null when it did not. */
    List<FieldProblem> refused(int i);

    ValidationResult validate(int i, Instant receivedAt);

    byte[] encode(int i, TenantEvent event);

    /** Event {@code i}'s id when it has a readable one, for its rejection. */
    String id(int i);
  }

  private IngestResult ingest(ApiKeyPrincipal key, int size, Batch events) {
    if (size == 0) {
      throw ApiException.badRequest(
          "empty_batch", "the request holds no events; send at least one");
    }
    if (size > EventLimits.MAX_EVENTS_PER_REQUEST) {
      throw ApiException.tooLarge(
          "a request may hold at most "
              + EventLimits.MAX_EVENTS_PER_REQUEST
              + " events, this one holds "
              + size);
    }
    batchSizes.record(size);
    rateLimiter.acquire(key.keyId(), Math.max(1, size));
    Instant receivedAt = clock.instant();
    List<EncodedEvent> valid = new ArrayList<>(size);
    List<Rejection> rejected = new ArrayList<>();
    int forbidden = 0;
    for (int i = 0; i < size; i++) {
      List<FieldProblem> refused = events.refused(i);
      if (refused != null) {
        rejected.add(rejection(i, events.id(i), refused, "invalid"));
        continue;
      }
      ValidationResult result = events.validate(i, receivedAt);
      if (!result.isValid()) {
        rejected.add(rejection(i, events.id(i), result.problems(), "invalid"));
        continue;
      }
      TenantEvent event = result.event();
      if (!key.mayWrite(event.tenantId())) {
        forbidden++;
        rejected.add(
            rejection(
                i,
                events.id(i),
                List.of(
                    new FieldProblem(
                        "tenant_id", "this API key may not write tenant " + event.tenantId())),
                "forbidden_tenant"));
        continue;
      }
      if (!key.maySend(event.type())) {
        rejected.add(rejection(i, events.id(i), List.of(serverKeysOnly(event)), "server_key_only"));
        continue;
      }
      byte[] encoded = events.encode(i, event);
      if (encoded.length > EventLimits.MAX_EVENT_BYTES) {
        rejected.add(
            rejection(
                i,
                events.id(i),
                List.of(
                    new FieldProblem(
                        FieldProblem.EVENT,
                        "an event may hold at most " + EventLimits.MAX_EVENT_BYTES + " bytes")),
                "too_large"));
        continue;
      }
      valid.add(new EncodedEvent(event, encoded));
    }
    if (size > 0 && forbidden == size) {
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

  private Rejection rejection(
      int index, String idText, List<FieldProblem> problems, String reason) {
    meters.counter("collector.events.rejected", "reason", reason).increment();
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
