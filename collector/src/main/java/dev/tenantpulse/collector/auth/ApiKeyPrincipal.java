package dev.tenantpulse.collector.auth;

import dev.tenantpulse.tenancy.events.EventType;

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

  /**
   * Whether this key may send events of {@code type}. Signups, plan changes and churns move a
   * tenant's plan, entitlements and billing: the SaaS's own servers decide those, never code
   * running for the tenant, which is where client keys live (browsers, apps, the tenant's own
   * integrations).
   */
  public boolean maySend(EventType type) {
    return isServerKey() || !type.isTenantLifecycle();
  }

  public boolean isServerKey() {
    return tenantId == null;
  }
}
