package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.StreamedEvent;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The native body {@code {"events": [ … ]}} read in one pass over its tokens, each event captured
 * as a {@link StreamedEvent}, with no tree of the body. Only a well-formed batch is read this way:
 * for anything else (malformed JSON, a duplicate key, no {@code events} array, trailing data) the
 * answer is {@code null} and the caller lets the tree path give its answer, so every refusal keeps
 * its code and wording. Nothing is published before the whole body has been read, so falling back
 * after a partial read is safe.
 */
final class StreamedBodies {

  private StreamedBodies() {}

  /**
   * The events of {@code body}, or null when the tree path must decide. Throws the tree path's
   * answers for an empty body and for invalid UTF-8, which come before any parse.
   */
  static List<StreamedEvent> events(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("empty_body", "the request body is empty");
    }
    int invalid = Utf8.firstInvalid(body);
    if (invalid >= 0) {
      throw ApiException.badRequest(
          "invalid_utf8", "the body is not valid UTF-8 (near byte " + invalid + ")");
    }
    try (JsonParser p = EventsController.JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      List<StreamedEvent> events = null;
      JsonToken token;
      while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
        boolean isEvents = "events".equals(p.currentName());
        token = p.nextToken();
        if (!isEvents) {
          StreamedEvent.skip(p);
        } else if (token != JsonToken.START_ARRAY) {
          return null;
        } else {
          events = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            events.add(StreamedEvent.read(p));
          }
        }
      }
      if (token != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
      return events;
    } catch (RuntimeException e) {
      // Malformed input (JacksonException) or anything else the tokens held that this reader does
      // not expect: the tree path reads the body again and answers as it always did.
      return null;
    }
  }
}
