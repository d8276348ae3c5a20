package dev.tenantpulse.standalone.console.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Users;
import dev.tenantpulse.standalone.support.ConsoleLogin;
import dev.tenantpulse.standalone.support.RunningRuntime;
import dev.tenantpulse.standalone.support.TestAccounts;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logging in to the console from a browser: the cookie is HttpOnly and SameSite=Strict, a change
 * needs the session's CSRF token, a session ends at logout and when its user changes, logins from
 * other sites and password guessing are refused.
 */
class BrowserLoginTests {

  private static String base;
  private static Users users;

  @BeforeAll
  static void start() {
    TestAccounts.ensure();
    base = RunningRuntime.get().endpoints().console();
    users = new Users(new FileUserStore(RunningRuntime.dataDir().resolve("users.json")));
  }

  @Test
  void loginSetsAnHttpOnlyStrictCookieAndTellsUserRoleAndToken() {
    ConsoleLogin.Answer answer =
        ConsoleLogin.login(base, TestAccounts.VIEWER, TestAccounts.PASSWORD, Map.of());
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Set-Cookie"))
        .startsWith("tp_session=")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/");
    assertThat(answer.json().get("user").asString()).isEqualTo("viewer");
    assertThat(answer.json().get("role").asString()).isEqualTo("viewer");
    assertThat(answer.json().get("csrf_token").asString()).hasSizeGreaterThan(40);
    ConsoleLogin session = ConsoleLogin.as(base, TestAccounts.VIEWER, TestAccounts.PASSWORD);
    assertThat(session.get("/api/session").json().get("csrf_token").asString())
        .isEqualTo(session.csrfToken());
  }

  @Test
  void wrongPasswordIs401AndTellsNothingAboutTheUser() {
    ConsoleLogin.Answer known = ConsoleLogin.login(base, TestAccounts.VIEWER, "nope", Map.of());
    ConsoleLogin.Answer unknown = ConsoleLogin.login(base, "nobody-here", "nope", Map.of());
    assertThat(known.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(known.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    assertThat(known.header("Set-Cookie")).isNull();
  }

  @Test
  void aPageRequestWithoutSessionIs401WithoutTheBasicChallengeThatPopsUpADialog() {
    ConsoleLogin.Answer answer =
        ConsoleLogin.send(
            HttpRequest.newBuilder(URI.create(base + "/api/boards"))
                .header("Sec-Fetch-Mode", "cors")
                .GET());
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.headers().allValues("WWW-Authenticate"))
        .noneMatch(c -> c.startsWith("Basic"));
  }

  @Test
  void aChangeWithoutTheSessionsCsrfTokenIs403() {
    ConsoleLogin session = ConsoleLogin.as(base, TestAccounts.ADMIN, TestAccounts.PASSWORD);
    Random random = new Random(20_261_206L);
    List<String> wrong = new java.util.ArrayList<>(List.of("", " ", "null", session.cookie()));
    for (int i = 0; i < 30; i++) {
      byte[] bytes = new byte[1 + random.nextInt(60)];
      random.nextBytes(bytes);
      wrong.add(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
    wrong.add(session.csrfToken().substring(1));
    wrong.add(session.csrfToken() + "x");
    wrong.add(session.csrfToken().toUpperCase(java.util.Locale.ROOT));
    for (String token : wrong) {
      ConsoleLogin.Answer answer = session.sendWithToken("POST", "/logout", null, token);
      assertThat(answer.status()).as(token).isEqualTo(403);
      assertThat(answer.json().get("code").asString()).isEqualTo("csrf");
    }
    assertThat(session.sendWithToken("POST", "/logout", null, null).status()).isEqualTo(403);
    // the session survived every refused attempt
    assertThat(session.get("/api/session").status()).isEqualTo(200);
  }

  @Test
  void logoutEndsTheSessionAndClearsTheCookie() {
    ConsoleLogin session = ConsoleLogin.as(base, TestAccounts.VIEWER, TestAccounts.PASSWORD);
    ConsoleLogin.Answer out = session.send("POST", "/logout", null);
    assertThat(out.status()).isEqualTo(204);
    assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
    ConsoleLogin.Answer after = session.get("/api/session");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().get("code").asString()).isEqualTo("session_ended");
  }

  @Test
  void aPasswordChangeOrRemovalEndsTheUsersSessions() {
    users.create("shortlived", "viewer", TestAccounts.PASSWORD);
    try {
      ConsoleLogin first = ConsoleLogin.as(base, "shortlived", TestAccounts.PASSWORD);
      assertThat(first.get("/api/boards").status()).isEqualTo(200);
      users.changePassword("shortlived", "another long enough password");
      assertThat(first.get("/api/boards").status()).isEqualTo(401);
      ConsoleLogin second = ConsoleLogin.as(base, "shortlived", "another long enough password");
      users.remove("shortlived");
      assertThat(second.get("/api/boards").status()).isEqualTo(401);
    } finally {
      if (users.list().stream().anyMatch(u -> u.name().equals("shortlived"))) {
        users.remove("shortlived");
      }
    }
  }

  @Test
  void rolesAreCheckedForSessionsAsForPasswords() {
    ConsoleLogin session = ConsoleLogin.as(base, TestAccounts.VIEWER, TestAccounts.PASSWORD);
    ConsoleLogin.Answer sql = session.send("POST", "/api/sql", "{\"sql\": \"SELECT 1\"}");
    assertThat(sql.status()).isEqualTo(403);
    assertThat(sql.json().get("required_role").asString()).isEqualTo("analyst");
    assertThat(session.get("/api/keys").status()).isEqualTo(403);
  }

  @Test
  void aLoginPostedByAnotherSitesPageIsRefused() {
    for (Map<String, String> headers :
        List.of(
            Map.of("Origin", "http://evil.example"),
            Map.of("Origin", "null"),
            Map.of("Sec-Fetch-Site", "cross-site"),
            Map.of("Sec-Fetch-Site", "same-site"))) {
      ConsoleLogin.Answer answer =
          ConsoleLogin.login(base, TestAccounts.VIEWER, TestAccounts.PASSWORD, headers);
      assertThat(answer.status()).as(headers.toString()).isEqualTo(403);
      assertThat(answer.header("Set-Cookie")).isNull();
    }
    String self = URI.create(base).getRawAuthority();
    assertThat(
            ConsoleLogin.login(
                    base,
                    TestAccounts.VIEWER,
                    TestAccounts.PASSWORD,
                    Map.of("Origin", "http://" + self, "Sec-Fetch-Site", "same-origin"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void guessingOneUsersPasswordIsStoppedAfterTenFailures() {
    users.create("guessed", "viewer", TestAccounts.PASSWORD);
    try {
      for (int i = 0; i < 10; i++) {
        assertThat(ConsoleLogin.login(base, "guessed", "guess " + i, Map.of()).status())
            .isEqualTo(401);
      }
      ConsoleLogin.Answer blocked =
          ConsoleLogin.login(base, "Guessed", TestAccounts.PASSWORD, Map.of());
      assertThat(blocked.status()).isEqualTo(429);
      assertThat(Duration.ofSeconds(Long.parseLong(blocked.header("Retry-After"))))
          .isPositive()
          .isLessThanOrEqualTo(Duration.ofMinutes(15));
    } finally {
      users.remove("guessed");
    }
  }

  @Test
  void hostileLoginBodiesAre4xxNeverASession() {
    List<String> bodies =
        List.of(
            "",
            "{",
            "[]",
            "null",
            "{\"user\": null, \"password\": null}",
            "{\"user\": \"viewer\"}",
            "{\"user\": 1, \"password\": 2}",
            "{\"user\": \"" + "v".repeat(9000) + "\", \"password\": \"x\"}",
            "{\"user\": \"viewer\\u0000\", \"password\": \"" + TestAccounts.PASSWORD + "\"}",
            "{\"user\": \"VIEWER\", \"password\": \"" + TestAccounts.PASSWORD + "\"}",
            "{\"user\": \"viewer \", \"password\": \"" + TestAccounts.PASSWORD + "\"}",
            "{\"user\": \"admin\", \"password\": \"\"}",
            "{\"user\": \"admin\", \"password\": \"' OR 1=1 --\"}");
    for (String body : bodies) {
      ConsoleLogin.Answer answer =
          ConsoleLogin.send(
              HttpRequest.newBuilder(URI.create(base + "/login"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body)));
      assertThat(answer.status()).as(body).isBetween(400, 429);
      assertThat(answer.header("Set-Cookie")).as(body).isNull();
    }
    ConsoleLogin.Answer form =
        ConsoleLogin.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("user=viewer")));
    assertThat(form.status()).isEqualTo(415);
  }

  @Test
  void hostileCookieValuesAre401() {
    Random random = new Random(7);
    for (int i = 0; i < 40; i++) {
      byte[] bytes = new byte[1 + random.nextInt(120)];
      random.nextBytes(bytes);
      String value = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      ConsoleLogin.Answer answer =
          ConsoleLogin.send(
              HttpRequest.newBuilder(URI.create(base + "/api/boards"))
                  .header("Cookie", "tp_session=" + value)
                  .GET());
      assertThat(answer.status()).as(value).isEqualTo(401);
    }
  }
}
