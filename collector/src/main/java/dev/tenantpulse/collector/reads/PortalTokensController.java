package dev.tenantpulse.collector.reads;

import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.events.IdPattern;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/portal-tokens} mints a read-only token for one tenant, {@code DELETE
 * /v1/portal-tokens/{tokenId}} revokes one. Server keys only: the SaaS's backend mints a token for
 * the signed-in tenant and hands it to that tenant's browser.
 */
@RestController
class PortalTokensController {

  /** The request: the tenant, and the lifetime in seconds (the configured default when absent). */
  record MintRequest(String tenantId, Long ttlSeconds) {}

  private final ReadCredentials credentials;
  private final PortalTokens tokens;

  PortalTokensController(ReadCredentials credentials, PortalTokens tokens) {
    this.credentials = credentials;
    this.tokens = tokens;
  }

  @PostMapping("/v1/portal-tokens")
  ResponseEntity<PortalTokens.Minted> mint(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody(required = false) MintRequest request) {
    credentials.serverKey(authorization);
    requireEnabled();
    if (request == null || request.tenantId() == null || !IdPattern.matches(request.tenantId())) {
      throw ApiException.badRequest("invalid_tenant_id", "tenantId must match " + IdPattern.REGEX);
    }
    if (request.ttlSeconds() != null
        && (request.ttlSeconds() < 1 || request.ttlSeconds() > tokens.maxTtl().toSeconds())) {
      throw ApiException.badRequest(
          "invalid_ttl", "ttlSeconds must be 1 to " + tokens.maxTtl().toSeconds());
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            tokens.mint(
                request.tenantId(),
                Optional.ofNullable(request.ttlSeconds()).map(Duration::ofSeconds)));
  }

  @DeleteMapping("/v1/portal-tokens/{tokenId}")
  ResponseEntity<Void> revoke(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable String tokenId) {
    credentials.serverKey(authorization);
    requireEnabled();
    if (!tokenId.matches("[0-9a-f]{32}")) {
      throw ApiException.badRequest("invalid_token_id", "a token id is 32 lowercase hex digits");
    }
    tokens.revoke(tokenId);
    return ResponseEntity.noContent().build();
  }

  private void requireEnabled() {
    if (!tokens.enabled()) {
      throw ApiException.notFound(
          "portal_tokens_disabled",
          "portal tokens are disabled: set tenant-pulse.collector.tenant-reads.portal-tokens.secret");
    }
  }
}
