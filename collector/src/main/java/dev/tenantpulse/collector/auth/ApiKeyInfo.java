package dev.tenantpulse.collector.auth;

import java.time.Instant;

/**
 * What may be shown about a stored key: never its hash, never the key.
 *
 * @param id the public id (the key's prefix)
 * @param tenantId the one tenant a client key may write; null for a server key
 * @param revokedAt when it was revoked; null while it is valid
 */
public record ApiKeyInfo(
    String id, String name, String tenantId, Instant createdAt, Instant revokedAt) {

  /** {@code client} (one tenant) or {@code server} (every tenant), as the design names them. */
  public String scope() {
    return tenantId == null ? "server" : "client";
  }
}
