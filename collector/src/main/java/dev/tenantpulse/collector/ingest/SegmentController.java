package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.collector.auth.ApiKeyAuthenticator;
import dev.tenantpulse.collector.auth.ApiKeyPrincipal;
import dev.tenantpulse.collector.entitlements.TenantPlans;
import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.EventLimits;
import dev.tenantpulse.tenancy.events.EventValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Segment's batch API, so an unmodified Segment (or RudderStack) SDK pointed at the collector
 * works: {@code {"batch": [messages], "context": …, "sentAt": …}}, mapped to native events ({@link
 * SegmentMapper}) and ingested exactly like {@code POST /v1/events}.
 *
 * <p>Paths: {@code /v1/batch} (analytics-node, RudderStack, the HTTP API) and {@code /v1/import/}
 * (analytics-java posts there; Segment serves it as an alias of batch). The write key comes as the
 * HTTP Basic user, as most SDKs send it, or as {@code writeKey} in the body, as analytics-java and
 * Segment's HTTP API do. {@code text/plain} is accepted besides JSON because browsers' {@code
 * sendBeacon} (analytics.js) can only send that.
 */
@RestController
class SegmentController {

  private final ApiKeyAuthenticator keys;
  private final IngestService ingest;
  private final SegmentMapper mapper;
  private final Clock clock;

  SegmentController(
      ApiKeyAuthenticator keys,
      IngestService ingest,
      EventValidator validator,
      TenantPlans tenantPlans,
      Clock clock) {
    this.keys = keys;
    this.ingest = ingest;
    this.mapper = new SegmentMapper(validator, t -> tenantPlans.currentPlan(t).isPresent());
    this.clock = clock;
  }

  @PostMapping(
      path = {"/v1/batch", "/v1/import", "/v1/import/"},
      consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
  SegmentResult batch(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    // A header is checked before the body is read, so a wrong key costs no parsing.
    ApiKeyPrincipal key = authorization == null ? null : keys.basic(authorization);
    JsonNode body = EventsController.parse(RequestBodies.read(request));
    if (key == null) {
      key = bodyWriteKey(body);
    }
    JsonNode batch = body.get("batch");
    if (batch == null || !batch.isArray()) {
      throw ApiException.badRequest(
          "malformed_body", "the body must be a JSON object with an array 'batch'");
    }
    if (batch.size() > EventLimits.MAX_EVENTS_PER_REQUEST) {
      // Before mapping: an oversized batch must not cost plan look-ups.
      throw ApiException.tooLarge(
          "a batch may hold at most "
              + EventLimits.MAX_EVENTS_PER_REQUEST
              + " messages, this one holds "
              + batch.size());
    }
    List<JsonNode> messages = new ArrayList<>(batch.size());
    batch.forEach(messages::add);
    SegmentMapper.Mapped mapped = mapper.map(messages, body.get("context"), clock.instant());
    return SegmentResult.of(ingest.ingest(key, mapped.events(), mapped.refused()));
  }

  /** The body's {@code writeKey}, where analytics-java and Segment's HTTP API send it. */
  private ApiKeyPrincipal bodyWriteKey(JsonNode body) {
    JsonNode writeKey = body.get("writeKey");
    if (writeKey == null || !writeKey.isString() || writeKey.stringValue().isBlank()) {
      throw ApiException.unauthorized(
          "send the write key as HTTP Basic user ('Authorization: Basic base64(<key>:)') or as"
              + " 'writeKey' in the body");
    }
    return keys.authenticate(writeKey.stringValue())
        .orElseThrow(() -> ApiException.unauthorized("unknown write key"));
  }
}
