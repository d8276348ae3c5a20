package dev.tenantpulse.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A user as a {@link UserStore} keeps it.
 *
 * @param passwordHash the encoder's output with its id prefix (e.g. {@code {bcrypt}$2a$10$…});
 *     never the password, never shown by the API
 */
public record StoredUser(String name, Role role, String passwordHash, Instant createdAt) {

  public StoredUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public User user() {
    return new User(name, role);
  }

  /** Without the hash, so a log line or an exception message never carries it. */
  @Override
  public String toString() {
    return "StoredUser[name=" + name + ", role=" + role.id() + ", createdAt=" + createdAt + "]";
  }
}
