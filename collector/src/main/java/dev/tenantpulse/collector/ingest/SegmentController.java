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
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Segment's tracking API, so an unmodified Segment or RudderStack SDK pointed at the collector
 * works: batches ({@code {"batch": [messages], "context": …, "sentAt": …}}) and single messages,
 * mapped to native events ({@link SegmentMapper}) and ingested exactly like {@code POST
 * /v1/events}.
 *
 * <p>Paths are those the SDKs post to. Batches: {@code /v1/batch} (analytics-node, RudderStack, the
 * HTTP API), {@code /v1/import} (analytics-java), {@code /v1/b} (analytics.js batching), {@code
 * /beacon/v1/batch} (RudderStack's {@code sendBeacon}, key in the query). Single messages: {@code
 * /v1/<call>} (the HTTP API, RudderStack) and {@code /v1/<first letter>} (analytics.js). Browsers
 * may post from any origin (write keys are public by design; what a key may write is checked per
 * event). Any declared content type is read as JSON, as Segment's and RudderStack's own servers do:
 * SDKs declare {@code application/json}, {@code text/plain} (analytics.js, so that a browser sends
 * it without a preflight) or a form type while sending JSON. The write key travels where {@link
 * WriteKeys} looks for it.
 */
@RestController
@CrossOrigin(originPatterns = "*", methods = RequestMethod.POST, maxAge = 86_400)
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

  @PostMapping(path = {"/v1/batch", "/v1/import", "/v1/import/", "/v1/b", "/beacon/v1/batch"})
  SegmentResult batch(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    // A header is checked before the body is read, so a wrong key costs no parsing.
    ApiKeyPrincipal key = WriteKeys.fromHeader(keys, authorization);
    JsonNode body = EventsController.parse(RequestBodies.read(request));
    if (key == null) {
      key = WriteKeys.fromBody(keys, body, request.getQueryString());
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
    return ingest(key, messages, SegmentEnvelope.batch(body, clock.instant()));
  }

  @PostMapping({"/v1/track", "/v1/t"})
  SegmentResult track(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    return single("track", authorization, request);
  }

  @PostMapping({"/v1/identify", "/v1/i"})
  SegmentResult identify(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    return single("identify", authorization, request);
  }

  @PostMapping({"/v1/group", "/v1/g"})
  SegmentResult group(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    return single("group", authorization, request);
  }

  @PostMapping({"/v1/page", "/v1/p"})
  SegmentResult page(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    return single("page", authorization, request);
  }

  @PostMapping({"/v1/screen", "/v1/s"})
  SegmentResult screen(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    return single("screen", authorization, request);
  }

  @PostMapping({"/v1/alias", "/v1/a"})
  SegmentResult alias(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    return single("alias", authorization, request);
  }

  /** One message, its call named by the path; its own {@code writeKey}, context and sentAt. */
  private SegmentResult single(String call, String authorization, HttpServletRequest request) {
    ApiKeyPrincipal key = WriteKeys.fromHeader(keys, authorization);
    JsonNode message = EventsController.parse(RequestBodies.read(request));
    if (key == null) {
      key = WriteKeys.fromBody(keys, message, null);
    }
    return ingest(key, List.of(message), SegmentEnvelope.single(call, clock.instant()));
  }

  private SegmentResult ingest(
      ApiKeyPrincipal key, List<JsonNode> messages, SegmentEnvelope envelope) {
    SegmentMapper.Mapped mapped = mapper.map(messages, envelope);
    return SegmentResult.of(ingest.ingest(key, mapped.events(), mapped.refused()));
  }
}
