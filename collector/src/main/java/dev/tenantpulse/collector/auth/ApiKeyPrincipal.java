package dev.tenantpulse.collector.auth;

/**
 * Who is calling: an authenticated API key.
 *
 * @param keyId the public id of the key (its prefix), safe to log
 * @param tenantId the one tenant a client key may write; null for a server key (any tenant)
 */
public record ApiKeyPrincipal(String keyId, String name, String tenantId) {

  /** The pool model's guard: a client key writes its own tenant only. */
  public boolean mayWrite(String tenant) {
    return tenantId == null || tenantId.equals(tenant);
  }

  public boolean isServerKey() {
    return tenantId == null;
  }
}
