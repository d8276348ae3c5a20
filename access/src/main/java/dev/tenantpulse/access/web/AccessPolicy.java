package dev.tenantpulse.access.web;

import dev.tenantpulse.access.Permission;

/**
 * What a request needs, from its method and path (decoded, without {@code ;parameters}, within the
 * application). A policy should end in its strictest answer for paths it does not know, so that a
 * new endpoint or an odd spelling of a path is admin-only until someone says otherwise.
 */
@FunctionalInterface
public interface AccessPolicy {

  Permission required(String method, String path);

  /** Every request needs {@code permission}. */
  static AccessPolicy always(Permission permission) {
    return (method, path) -> permission;
  }
}
