package dev.tenantpulse.collector.reads;

import dev.tenantpulse.tenancy.events.IdPattern;

/**
 * The one tenant a read may see. Only {@link Reader#scopeFor} makes one, from an authenticated
 * credential: a path or a parameter alone never names the tenant of a read.
 *
 * @param tenantId an id of the event contract's pattern, so it can never hold a quote, a backslash,
 *     {@code %} or a comment marker; it is bound as a parameter all the same
 */
public record TenantScope(String tenantId) {

  public TenantScope {
    if (tenantId == null || !IdPattern.matches(tenantId)) {
      throw new IllegalArgumentException("a tenant scope needs a tenant id of " + IdPattern.REGEX);
    }
  }
}
