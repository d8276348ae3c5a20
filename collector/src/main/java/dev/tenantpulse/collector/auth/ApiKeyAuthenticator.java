package dev.tenantpulse.collector.auth;

import dev.tenantpulse.collector.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Finds the API key behind a request's credentials. */
public interface ApiKeyAuthenticator {

  /** The key's principal, when {@code key} is a known, unrevoked key. */
  Optional<ApiKeyPrincipal> authenticate(String key);

  /** {@code Authorization: Bearer <key>} (native API). */
  default ApiKeyPrincipal bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("send the API key as 'Authorization: Bearer <key>'");
    }
    return require(authorization.substring(7).strip());
  }

  /** {@code Authorization: Basic base64(<write key>:)} (Segment SDKs send the write key so). */
  default ApiKeyPrincipal basic(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw ApiException.unauthorized(
          "send the write key as HTTP Basic user ('Authorization: Basic base64(<key>:)')");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.unauthorized("the Basic credentials are not valid base64");
    }
    int colon = decoded.indexOf(':');
    return require(colon < 0 ? decoded : decoded.substring(0, colon));
  }

  private ApiKeyPrincipal require(String key) {
    if (key.isEmpty()) {
      throw ApiException.unauthorized("the API key is empty");
    }
    return authenticate(key).orElseThrow(() -> ApiException.unauthorized("unknown API key"));
  }
}
