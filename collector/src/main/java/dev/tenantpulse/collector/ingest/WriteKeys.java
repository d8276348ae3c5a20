package dev.tenantpulse.collector.ingest;

import dev.tenantpulse.collector.auth.ApiKeyAuthenticator;
import dev.tenantpulse.collector.auth.ApiKeyPrincipal;
import dev.tenantpulse.collector.web.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/**
 * Where Segment-compatible SDKs put the write key, in the order it is looked for: the {@code
 * Authorization} header as HTTP Basic user (most SDKs) or as a bearer token, else {@code writeKey}
 * in the body (analytics-java, analytics.js, Segment's HTTP API), else the {@code writeKey} query
 * parameter (RudderStack's beacon, which cannot set headers).
 */
final class WriteKeys {

  static final String HOW =
      "send the write key as HTTP Basic user ('Authorization: Basic base64(<key>:)'), as"
          + " 'Authorization: Bearer <key>', or as 'writeKey' in the body";

  private WriteKeys() {}

  /** The key of a header, or null when there is none: checked before the body is parsed. */
  static ApiKeyPrincipal fromHeader(ApiKeyAuthenticator keys, String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return null;
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return keys.bearer(authorization);
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return keys.basic(authorization);
    }
    throw ApiException.unauthorized(HOW);
  }

  static ApiKeyPrincipal fromBody(ApiKeyAuthenticator keys, JsonNode body, String queryString) {
    JsonNode writeKey = body.get("writeKey");
    String key = null;
    if (writeKey != null && writeKey.isString() && !writeKey.stringValue().isBlank()) {
      key = writeKey.stringValue();
    } else if (queryString != null) {
      key = queryParameter(queryString, "writeKey");
    }
    if (key == null || key.isBlank()) {
      throw ApiException.unauthorized(HOW);
    }
    return keys.authenticate(key).orElseThrow(() -> ApiException.unauthorized("unknown write key"));
  }

  /**
   * One query parameter, read from the raw query string: {@code request.getParameter} would read a
   * form-encoded body as parameters, and SDKs declare that type while sending JSON.
   */
  static String queryParameter(String queryString, String name) {
    for (String pair : queryString.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        try {
          return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          throw ApiException.unauthorized("the writeKey query parameter is not URL-encoded");
        }
      }
    }
    return null;
  }
}
