package dev.tenantpulse.access;

import java.util.Objects;

/**
 * Who a request comes from, once its credential has been checked.
 *
 * @param name a stored user's name, or {@link Credentials#TOKEN_USER} for the admin token
 */
public record User(String name, Role role) {

  public User {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }

  public boolean may(Permission permission) {
    return role.may(permission);
  }
}
