package dev.tenantpulse.access;

import java.util.List;
import java.util.Optional;

/**
 * Where users are kept. Implementations store hashes only and validate nothing: {@link Users}
 * checks names and passwords before anything reaches a store.
 *
 * <p>Every method may throw {@link UserStoreException} when the storage cannot be read or written.
 */
public interface UserStore {

  Optional<StoredUser> find(String name);

  /** Every user, by name. */
  List<StoredUser> list();

  /**
   * Adds {@code user}.
   *
   * @return false when a user of that name exists (nothing changed)
   */
  boolean add(StoredUser user);

  /**
   * @return false when there is no such user
   */
  boolean remove(String name);

  /**
   * Replaces the password hash of {@code name}.
   *
   * @return false when there is no such user
   */
  boolean setPasswordHash(String name, String passwordHash);
}
