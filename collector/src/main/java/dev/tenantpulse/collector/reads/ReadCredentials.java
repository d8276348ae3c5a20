package dev.tenantpulse.collector.reads;

import dev.tenantpulse.collector.auth.ApiKeyAuthenticator;
import dev.tenantpulse.collector.auth.ApiKeyPrincipal;
import dev.tenantpulse.collector.web.ApiException;

/**
 * Turns a request's {@code Authorization: Bearer …} into a {@link Reader}: a portal token ({@code
 * tpp_…}) or an API key. Every refusal is the same 401, whether the token is expired, revoked,
 * altered or unknown.
 */
public final class ReadCredentials {

  private final ApiKeyAuthenticator keys;
  private final PortalTokens tokens;

  public ReadCredentials(ApiKeyAuthenticator keys, PortalTokens tokens) {
    this.keys = keys;
    this.tokens = tokens;
  }

  public Reader reader(String authorization) {
    if (authorization != null
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && authorization.substring(7).strip().startsWith(PortalTokens.PREFIX)) {
      return tokens
          .verify(authorization.substring(7).strip())
          .orElseThrow(() -> ApiException.unauthorized("unknown, expired or revoked credential"));
    }
    ApiKeyPrincipal key = keys.bearer(authorization);
    return key.isServerKey()
        ? new Reader(Reader.Kind.SERVER_KEY, key.keyId(), null)
        : new Reader(Reader.Kind.CLIENT_KEY, key.keyId(), key.tenantId());
  }

  /** The API key behind {@code authorization}; portal tokens are not keys (they mint nothing). */
  public ApiKeyPrincipal serverKey(String authorization) {
    if (authorization != null
        && authorization.strip().regionMatches(true, 0, "Bearer tpp_", 0, 11)) {
      throw ApiException.forbidden("server_key_required", "only a server API key may do this");
    }
    ApiKeyPrincipal key = keys.bearer(authorization);
    if (!key.isServerKey()) {
      throw ApiException.forbidden("server_key_required", "only a server API key may do this");
    }
    return key;
  }
}
