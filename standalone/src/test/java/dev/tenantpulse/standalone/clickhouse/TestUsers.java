package dev.tenantpulse.standalone.clickhouse;

import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Users;
import dev.tenantpulse.standalone.support.RunningRuntime;

/** Users of the test runtime, created once in its user store: one per role. */
final class TestUsers {

  static final String ANALYST = "analyst";
  static final String VIEWER = "viewer";
  static final String PASSWORD = "correct horse battery staple";

  private static boolean created;

  private TestUsers() {}

  /** The runtime's ClickHouse HTTP interface, with the users above in its store. */
  static synchronized String baseUrl() {
    RunningRuntime runtime = RunningRuntime.get();
    if (!created) {
      Users users = new Users(new FileUserStore(RunningRuntime.dataDir().resolve("users.json")));
      for (String[] user : new String[][] {{ANALYST, "analyst"}, {VIEWER, "viewer"}}) {
        if (users.list().stream().noneMatch(u -> u.name().equals(user[0]))) {
          users.create(user[0], user[1], PASSWORD);
        }
      }
      created = true;
    }
    return runtime.endpoints().clickhouseHttp();
  }
}
