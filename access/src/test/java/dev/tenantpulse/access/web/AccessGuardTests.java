package dev.tenantpulse.access.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.tenantpulse.access.Credentials;
import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Hostile;
import dev.tenantpulse.access.Permission;
import dev.tenantpulse.access.Users;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The guard and the problem mapping together, through Spring MVC (no server). */
class AccessGuardTests {

  static final String TOKEN = "guard-test-admin-token";

  @RestController
  static class Endpoints {
    @PostMapping(path = "/api/sql", consumes = MediaType.APPLICATION_JSON_VALUE)
    String sql(@RequestBody String body) {
      return "ran";
    }

    @PostMapping("/api/recompute")
    String recompute() {
      return "started";
    }

    @GetMapping("/api/dashboards")
    String dashboards() {
      return "shown";
    }
  }

  @RestControllerAdvice
  static class Problems extends ProblemHandlers {
    Problems() {
      super("the test service failed");
    }
  }

  static final AccessPolicy POLICY =
      (method, path) ->
          switch (path) {
            case "/api/sql" -> Permission.RUN_SQL;
            case "/api/dashboards" -> Permission.VIEW_DASHBOARDS;
            default -> Permission.RECOMPUTE;
          };

  @TempDir Path dir;
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    FileUserStore store = new FileUserStore(dir.resolve("users.json"));
    Users users = new Users(store);
    users.create("ana", "analyst", "analyst-password-1");
    users.create("vic", "viewer", "viewer-password-1");
    mvc = mvc(new Credentials(TOKEN, store));
  }

  private static MockMvc mvc(Credentials credentials) {
    return MockMvcBuilders.standaloneSetup(new Endpoints())
        .setControllerAdvice(new Problems())
        .addMappedInterceptors(
            new String[] {"/api/**"},
            new AccessGuard(
                credentials,
                POLICY,
                new AccessGuard.Disabled("api_disabled", "set the admin token to enable it")))
        .build();
  }

  private MockHttpServletResponse send(RequestBuilder request) throws Exception {
    return mvc.perform(request).andReturn().getResponse();
  }

  private static String basic(String user, String password) {
    return "Basic " + Hostile.b64(user + ":" + password);
  }

  private static RequestBuilder sql(String authorization) {
    var request = post("/api/sql").contentType(MediaType.APPLICATION_JSON).content("{}");
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  @Test
  void anAnalystRunsSqlButCannotRecompute() throws Exception {
    String ana = basic("ana", "analyst-password-1");
    assertThat(send(sql(ana)).getContentAsString()).isEqualTo("ran");

    MockHttpServletResponse refused = send(post("/api/recompute").header("Authorization", ana));
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(refused.getContentType()).isEqualTo("application/problem+json");
    assertThat(refused.getContentAsString())
        .contains("\"required_role\":\"admin\"", "\"role\":\"analyst\"", "\"code\":\"forbidden\"");
  }

  @Test
  void aViewerSeesDashboardsButCannotRunSql() throws Exception {
    String vic = basic("vic", "viewer-password-1");
    assertThat(send(get("/api/dashboards").header("Authorization", vic)).getStatus())
        .isEqualTo(200);
    MockHttpServletResponse refused = send(sql(vic));
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(refused.getContentAsString()).contains("\"required_role\":\"analyst\"");
  }

  @Test
  void theAdminTokenMayDoEverything() throws Exception {
    assertThat(send(sql("Bearer " + TOKEN)).getStatus()).isEqualTo(200);
    assertThat(send(post("/api/recompute").header("Authorization", "Bearer " + TOKEN)).getStatus())
        .isEqualTo(200);
    assertThat(
            send(post("/api/recompute").header("Authorization", basic("admin", TOKEN))).getStatus())
        .isEqualTo(200);
  }

  @Test
  void aWrongPasswordIs401WithChallengesAndNoEcho() throws Exception {
    MockHttpServletResponse refused = send(sql(basic("ana", "wrong-password-xyz")));
    assertThat(refused.getStatus()).isEqualTo(401);
    assertThat(refused.getHeaders("WWW-Authenticate"))
        .anySatisfy(h -> assertThat(h).startsWith("Basic realm="))
        .anySatisfy(h -> assertThat(h).startsWith("Bearer realm="));
    assertThat(refused.getContentType()).isEqualTo("application/problem+json");
    assertThat(refused.getContentAsString()).doesNotContain("wrong-password-xyz");
    assertThat(send(sql(null)).getStatus()).isEqualTo(401);
  }

  @Test
  void checksTheCredentialBeforeReadingTheBody() throws Exception {
    MockHttpServletResponse refused =
        send(post("/api/sql").contentType(MediaType.APPLICATION_JSON).content("{"));
    assertThat(refused.getStatus()).isEqualTo(401);
  }

  @Test
  void hostileCredentialsAre401NeverAnythingElse() throws Exception {
    for (String header : Hostile.headers(29, 150)) {
      if (header.indexOf('\r') >= 0 || header.indexOf('\n') >= 0) {
        continue; // no HTTP server passes a header with a line break on
      }
      MockHttpServletResponse answer = send(sql(header));
      assertThat(answer.getStatus()).as("header of length %d", header.length()).isEqualTo(401);
      assertThat(answer.getContentAsString()).contains("\"code\":\"unauthorized\"");
    }
  }

  @Test
  void withNothingToAuthenticateWithTheApiIsDisabledSayingHow() throws Exception {
    mvc = mvc(new Credentials("", null));
    MockHttpServletResponse answer = send(sql("Bearer " + TOKEN));
    assertThat(answer.getStatus()).isEqualTo(404);
    assertThat(answer.getContentAsString()).contains("api_disabled", "set the admin token");
  }

  @Test
  void oddSpellingsOfAPathGetTheStrictestAnswer() throws Exception {
    String ana = basic("ana", "analyst-password-1");
    for (String path : new String[] {"/api/recompute;x=1", "/api/%72ecompute", "/api/unknown"}) {
      assertThat(send(post(path).header("Authorization", ana)).getStatus()).as(path).isIn(403, 404);
    }
  }
}
