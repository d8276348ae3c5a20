package dev.tenantpulse.standalone.support;

import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Users;

/**
 * One user per role in the test runtime's user store, created once per JVM (the store is a file in
 * the runtime's data directory, so users made by other tests stay).
 */
public final class TestAccounts {

  public static final String VIEWER = "viewer";
  public static final String ANALYST = "analyst";
  public static final String ADMIN = "oncall";
  public static final String PASSWORD = "correct horse battery staple";

  private static boolean created;

  private TestAccounts() {}

  /** The running runtime, with the three users in its store. */
  public static synchronized RunningRuntime ensure() {
    RunningRuntime runtime = RunningRuntime.get();
    if (!created) {
      Users users = new Users(new FileUserStore(RunningRuntime.dataDir().resolve("users.json")));
      for (String[] user :
          new String[][] {{VIEWER, "viewer"}, {ANALYST, "analyst"}, {ADMIN, "admin"}}) {
        if (users.list().stream().noneMatch(u -> u.name().equals(user[0]))) {
          users.create(user[0], user[1], PASSWORD);
        }
      }
      created = true;
    }
    return runtime;
  }
}
