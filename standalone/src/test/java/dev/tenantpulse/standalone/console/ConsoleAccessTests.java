package dev.tenantpulse.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.RunningRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Roles in the console over real HTTP: users created through {@code /api/users}, then each role
 * tried on SQL, recompute, keys and users.
 */
class ConsoleAccessTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final String ADMIN = "Bearer " + RunningRuntime.ADMIN_TOKEN;
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String ANALYST = "ana-" + SUFFIX;
  private static final String VIEWER = "vic-" + SUFFIX;
  private static final String ANALYST_PASSWORD = "analyst-password-" + SUFFIX;
  private static final String VIEWER_PASSWORD = "viewer-password-" + SUFFIX;

  record Answer(int status, HttpResponse<String> response) {
    JsonNode json() {
      return JSON.readTree(response.body());
    }
  }

  private static Answer send(String method, String path, String authorization, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(RunningRuntime.get().endpoints().console() + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String newUser(String name, String role, String password) {
    return "{\"name\":\""
        + name
        + "\",\"role\":\""
        + role
        + "\",\"password\":\""
        + password
        + "\"}";
  }

  private static Answer sql(String authorization) {
    return send("POST", "/api/sql", authorization, "{\"sql\":\"SELECT 1 AS one\"}");
  }

  @BeforeAll
  static void users() {
    assertThat(
            send("POST", "/api/users", ADMIN, newUser(ANALYST, "analyst", ANALYST_PASSWORD))
                .status())
        .isEqualTo(201);
    assertThat(
            send("POST", "/api/users", ADMIN, newUser(VIEWER, "viewer", VIEWER_PASSWORD)).status())
        .isEqualTo(201);
  }

  @Test
  void anAnalystRunsSqlButCannotRecomputeCreateKeysOrManageUsers() {
    String ana = basic(ANALYST, ANALYST_PASSWORD);
    assertThat(sql(ana).status()).isEqualTo(200);

    Answer recompute =
        send(
            "POST",
            "/api/recompute",
            ana,
            "{\"from\":\"2026-11-01T00:00Z\",\"to\":\"2026-11-02T00:00Z\"}");
    assertThat(recompute.status()).isEqualTo(403);
    assertThat(recompute.json().path("required_role").asString()).isEqualTo("admin");
    assertThat(recompute.json().path("role").asString()).isEqualTo("analyst");
    assertThat(send("POST", "/api/keys", ana, "{\"name\":\"x\"}").status()).isEqualTo(403);
    assertThat(send("GET", "/api/users", ana, null).status()).isEqualTo(403);
    assertThat(
            send("POST", "/api/users", ana, newUser("x" + SUFFIX, "admin", ANALYST_PASSWORD))
                .status())
        .isEqualTo(403);
  }

  @Test
  void aViewerCannotRunSqlButSeesThePipeline() {
    String vic = basic(VIEWER, VIEWER_PASSWORD);
    Answer refused = sql(vic);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("required_role").asString()).isEqualTo("analyst");
    assertThat(refused.json().path("role").asString()).isEqualTo("viewer");
    assertThat(send("GET", "/api/pipeline", vic, null).status()).isEqualTo(200);
  }

  @Test
  void theAdminTokenRunsSqlAndListsUsersWithoutHashes() {
    assertThat(sql(ADMIN).status()).isEqualTo(200);
    assertThat(sql(basic("admin", RunningRuntime.ADMIN_TOKEN)).status()).isEqualTo(200);
    Answer list = send("GET", "/api/users", ADMIN, null);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.response().body()).contains(ANALYST).doesNotContain("bcrypt", "$2a$");
  }

  @Test
  void aWrongPasswordIs401WithChallengesAndNoEcho() {
    Answer refused = sql(basic(ANALYST, "wrong-password-0000"));
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.response().headers().allValues("WWW-Authenticate"))
        .anySatisfy(h -> assertThat(h).startsWith("Basic realm="));
    assertThat(refused.response().body()).doesNotContain("wrong-password-0000");
    assertThat(refused.json().path("code").asString()).isEqualTo("unauthorized");
  }

  @Test
  void hostileCredentialsAre401NeverA500() {
    Random random = new Random(41);
    for (int i = 0; i < 60; i++) {
      byte[] bytes = new byte[random.nextInt(300)];
      random.nextBytes(bytes);
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      String header =
          switch (i % 4) {
            case 0 -> "Basic " + Base64.getEncoder().encodeToString(bytes);
            case 1 -> basic(text, text);
            case 2 -> "Bearer " + Base64.getEncoder().encodeToString(bytes);
            default -> "Basic " + text.replaceAll("[^\\x21-\\x7e]", "%");
          };
      assertThat(sql(header).status()).as(header).isEqualTo(401);
    }
    for (String header :
        new String[] {
          "Basic " + Base64.getEncoder().encodeToString(":".getBytes(StandardCharsets.UTF_8)),
          basic("", "x"),
          basic(ANALYST, ""),
          basic("ünï😀", "ünï😀-password"),
          "Basic =",
          "Basic " + "A".repeat(6000),
          "Bearer " + "t".repeat(6000),
          "Digest username=\"admin\""
        }) {
      assertThat(sql(header).status()).as(header).isEqualTo(401);
    }
  }

  @Test
  void refusesBadNamesShortPasswordsAndTakenNamesSayingWhy() {
    Answer bad = send("POST", "/api/users", ADMIN, newUser("Bad Name", "root", "short"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("problems").size()).isEqualTo(3);
    assertThat(bad.response().body()).doesNotContain("short\"");

    assertThat(
            send("POST", "/api/users", ADMIN, newUser(ANALYST, "viewer", ANALYST_PASSWORD))
                .status())
        .isEqualTo(409);
    assertThat(
            send("POST", "/api/users", ADMIN, newUser("admin", "viewer", ANALYST_PASSWORD))
                .status())
        .isEqualTo(400);
    assertThat(send("DELETE", "/api/users/nobody-" + SUFFIX, ADMIN, null).status()).isEqualTo(404);
    assertThat(send("POST", "/api/users", ADMIN, "{").status()).isEqualTo(400);
  }

  @Test
  void generatesAPasswordShownOnceChangesItAndRemovesTheUser() {
    String name = "gen-" + SUFFIX;
    Answer created =
        send("POST", "/api/users", ADMIN, "{\"name\":\"" + name + "\",\"role\":\"analyst\"}");
    assertThat(created.status()).isEqualTo(201);
    String password = created.json().path("password").asString();
    assertThat(password).hasSizeGreaterThanOrEqualTo(12);
    assertThat(sql(basic(name, password)).status()).isEqualTo(200);

    assertThat(
            send("PUT", "/api/users/" + name + "/password", ADMIN, "{\"password\":\"short\"}")
                .status())
        .isEqualTo(400);
    assertThat(
            send(
                    "PUT",
                    "/api/users/" + name + "/password",
                    ADMIN,
                    "{\"password\":\"a-new-password-" + SUFFIX + "\"}")
                .status())
        .isEqualTo(204);
    assertThat(sql(basic(name, password)).status()).isEqualTo(401);
    assertThat(sql(basic(name, "a-new-password-" + SUFFIX)).status()).isEqualTo(200);

    assertThat(send("DELETE", "/api/users/" + name, ADMIN, null).status()).isEqualTo(204);
    assertThat(sql(basic(name, "a-new-password-" + SUFFIX)).status()).isEqualTo(401);
  }

  @Test
  void collectorAndAlertingReadTheSameUsers() {
    String ana = basic(ANALYST, ANALYST_PASSWORD);
    HttpRequest keys =
        HttpRequest.newBuilder(
                URI.create(RunningRuntime.get().endpoints().collector() + "/admin/keys"))
            .header("Authorization", ana)
            .GET()
            .build();
    try {
      assertThat(CLIENT.send(keys, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(403);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
