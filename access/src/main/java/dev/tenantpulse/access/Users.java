package dev.tenantpulse.access;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * User management for the operator API and the CLI: checks names, roles and passwords, hashes, and
 * then asks the {@link UserStore}. Passwords are never kept or returned.
 */
public final class Users {

  /** Lower-case, starting with a letter: safe in paths, logs, file names and ClickHouse clients. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  private final UserStore store;
  private final Clock clock;

  public Users(UserStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Users(UserStore store) {
    this(store, Clock.systemUTC());
  }

  /**
   * Creates a user.
   *
   * @throws UserException INVALID with every problem of the input, EXISTS when the name is taken
   */
  public User create(String name, String role, String password) {
    List<String> problems = new ArrayList<>(nameProblems(name));
    Role parsed = Role.parse(role).orElse(null);
    if (parsed == null) {
      problems.add("role: must be one of " + Role.ids());
    }
    problems.addAll(Passwords.problems(password));
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    StoredUser user = new StoredUser(name, parsed, Passwords.hash(password), clock.instant());
    if (!store.add(user)) {
      throw new UserException(
          UserException.Reason.EXISTS, "a user named '" + name + "' exists", List.of());
    }
    return user.user();
  }

  /**
   * Sets a new password.
   *
   * @throws UserException INVALID (the password), UNKNOWN (no such user)
   */
  public void changePassword(String name, String password) {
    List<String> problems = Passwords.problems(password);
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    if (!NAME.matcher(name).matches() || !store.setPasswordHash(name, Passwords.hash(password))) {
      throw unknown(name);
    }
  }

  /**
   * @throws UserException UNKNOWN (no such user)
   */
  public void remove(String name) {
    if (!NAME.matcher(name).matches() || !store.remove(name)) {
      throw unknown(name);
    }
  }

  public List<StoredUser> list() {
    return store.list();
  }

  /** Why {@code name} cannot be a user's name; empty when it can. */
  public static List<String> nameProblems(String name) {
    if (name == null || name.isEmpty()) {
      return List.of("name: required");
    }
    if (!NAME.matcher(name).matches()) {
      return List.of(
          "name: must match [a-z][a-z0-9_.-]{0,63} (a lower-case letter, then up to 63 of"
              + " a-z, 0-9, '_', '.', '-')");
    }
    if (name.equals(Credentials.TOKEN_USER)) {
      return List.of(
          "name: '"
              + Credentials.TOKEN_USER
              + "' is reserved for the admin token (HTTP Basic user of the token); choose another");
    }
    return List.of();
  }

  private static UserException invalid(List<String> problems) {
    return new UserException(UserException.Reason.INVALID, String.join("; ", problems), problems);
  }

  private static UserException unknown(String name) {
    // the name is echoed only when it is a valid one: a hostile path segment never is
    String shown = NAME.matcher(name).matches() ? "'" + name + "'" : "of that name";
    return new UserException(UserException.Reason.UNKNOWN, "no user " + shown, List.of());
  }
}
