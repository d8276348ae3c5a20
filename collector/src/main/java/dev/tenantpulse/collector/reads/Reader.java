package dev.tenantpulse.collector.reads;

import dev.tenantpulse.tenancy.events.IdPattern;
import java.util.Optional;

/**
 * Who reads: a server key (any tenant), a client key (its own tenant) or a portal token (the one
 * tenant it was minted for).
 *
 * @param credentialId the key's public id or the token's id: rate limits count per credential
 * @param ownTenant the one tenant it may read; null for a server key
 */
public record Reader(Kind kind, String credentialId, String ownTenant) {

  public enum Kind {
    SERVER_KEY,
    CLIENT_KEY,
    PORTAL_TOKEN
  }

  /**
   * The scope for a read of {@code namedTenant} (the path's), or empty when this credential may not
   * read it. Empty is the same answer whether that tenant exists or not: the caller answers both
   * alike, so a credential never learns which other tenants exist.
   */
  public Optional<TenantScope> scopeFor(String namedTenant) {
    if (namedTenant == null || !IdPattern.matches(namedTenant)) {
      return Optional.empty();
    }
    if (kind == Kind.SERVER_KEY) {
      return Optional.of(new TenantScope(namedTenant));
    }
    // Exact, case-sensitive equality: acme, ACME and acme_ are three tenants.
    return ownTenant != null && ownTenant.equals(namedTenant)
        ? Optional.of(new TenantScope(ownTenant))
        : Optional.empty();
  }
}
