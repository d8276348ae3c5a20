package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.collector.auth.ApiKeyAuthenticator;
import dev.tenantpulse.collector.auth.ApiKeyPrincipal;
import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.StreamedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/events}: the native API, {@code {"events": [ … ]}} with a bearer API key. */
@RestController
class EventsController {

  private final ApiKeyAuthenticator keys;
  private final IngestService ingest;

  /**
   * The codec's mapper, refusing duplicate keys: with "last one wins" a body could carry two
   * tenant_ids, and a proxy or WAF that reads the first would check another tenant than we store.
   */
  static final JsonMapper JSON =
      EventCodec.jsonMapper()
          .rebuild()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  EventsController(ApiKeyAuthenticator keys, IngestService ingest) {
    this.keys = keys;
    this.ingest = ingest;
  }

  @PostMapping(path = "/v1/events", consumes = MediaType.APPLICATION_JSON_VALUE)
  IngestResult post(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    ApiKeyPrincipal key = keys.bearer(authorization);
    return ingestBody(key, RequestBodies.read(request));
  }

  /**
   * One pass over the tokens of a well-formed batch ({@link StreamedBodies}); the tree path answers
   * everything else, so both give the same answers (StreamedIngestEquivalenceTests compare them).
   */
  IngestResult ingestBody(ApiKeyPrincipal key, byte[] body) {
    List<StreamedEvent> streamed = StreamedBodies.events(body);
    if (streamed != null) {
      return ingest.ingestStreamed(key, streamed);
    }
    return ingestTree(key, body);
  }

  /** The body parsed into a tree and each event validated as a tree: the reference path. */
  IngestResult ingestTree(ApiKeyPrincipal key, byte[] bytes) {
    JsonNode body = parse(bytes);
    JsonNode events = body.get("events");
    if (events == null || !events.isArray()) {
      throw ApiException.badRequest(
          "malformed_body", "the body must be a JSON object with an array 'events'");
    }
    List<JsonNode> list = new ArrayList<>(events.size());
    events.forEach(list::add);
    return ingest.ingest(key, list);
  }

  /** The body as a JSON object; anything else is the client's error, with a readable reason. */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("empty_body", "the request body is empty");
    }
    int invalid = Utf8.firstInvalid(body);
    if (invalid >= 0) {
      throw ApiException.badRequest(
          "invalid_utf8", "the body is not valid UTF-8 (near byte " + invalid + ")");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest(
          "malformed_json", "the body is not valid JSON: " + firstLine(e.getOriginalMessage()));
    } catch (NumberFormatException e) {
      // A float whose exponent is past an int (1e999…9): the tree holds floats as BigDecimal, which
      // cannot, and Jackson throws this rather than a JacksonException. The sender's error, not
      // ours.
      throw ApiException.badRequest(
          "malformed_json", "the body holds a number out of range: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("malformed_body", "the body must be a JSON object");
    }
    return node;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
