package dev.tenantpulse.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Permission;
import dev.tenantpulse.access.Users;
import dev.tenantpulse.access.web.ApiException;
import dev.tenantpulse.alerting.AlertingProperties;
import dev.tenantpulse.alerting.support.MetricTables;
import dev.tenantpulse.alerting.support.RunningAlerting;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Who may do what in the alerting API: the admin token, and users of a users file by role. */
class ApiAccessTests {

  static final String RULES = "rules:\n  active_tenants_drop: {for: 0s}\n";

  @TempDir static Path dir;
  static RunningAlerting app;

  @BeforeAll
  static void start() throws Exception {
    Path usersFile = dir.resolve("users.json");
    Users users = new Users(new FileUserStore(usersFile));
    users.create("root", "admin", "admin-password-01");
    users.create("ana", "analyst", "analyst-password-1");
    users.create("vic", "viewer", "viewer-password-1");
    Files.writeString(dir.resolve("rules.yaml"), RULES);
    app =
        RunningAlerting.start(
            MetricTables.fresh("access").database(),
            null,
            Map.of(
                "spring.datasource.url",
                "jdbc:h2:file:" + dir.resolve("metadata") + ";DB_CLOSE_ON_EXIT=FALSE",
                "spring.quartz.auto-startup",
                "false",
                "tenant-pulse.alerting.rules-file",
                dir.resolve("rules.yaml").toString(),
                "tenant-pulse.alerting.users-file",
                usersFile.toString()));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> putRules(String authorization) {
    return app.request("PUT", "/api/rules", "application/yaml", RULES, authorization);
  }

  @Test
  void anAnalystCannotEditRulesNorSilence() {
    String ana = basic("ana", "analyst-password-1");
    HttpResponse<String> refused = putRules(ana);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("\"required_role\":\"admin\"", "\"role\":\"analyst\"");
    assertThat(app.request("POST", "/api/silences", "application/json", "{}", ana).statusCode())
        .isEqualTo(403);
  }

  @Test
  void everyRoleReadsAlertsAndRules() {
    for (String authorization :
        new String[] {
          basic("vic", "viewer-password-1"),
          basic("ana", "analyst-password-1"),
          "Bearer " + RunningAlerting.ADMIN_TOKEN
        }) {
      assertThat(app.request("GET", "/api/rules", null, null, authorization).statusCode())
          .isEqualTo(200);
      assertThat(app.request("GET", "/api/alerts", null, null, authorization).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void anAdminUserAndTheAdminTokenEditRules() {
    assertThat(putRules(basic("root", "admin-password-01")).statusCode()).isEqualTo(200);
    assertThat(putRules("Bearer " + RunningAlerting.ADMIN_TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void aWrongPasswordOrAHostileHeaderIs401() {
    for (String authorization :
        new String[] {
          basic("root", "wrong-password-00"),
          basic("", "x"),
          "Basic %%%",
          "Basic " + "A".repeat(5000),
          "Bearer ",
          "Bearer wrong",
          null
        }) {
      HttpResponse<String> refused = putRules(authorization);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().allValues("WWW-Authenticate")).isNotEmpty();
    }
  }

  @Test
  void aBacktestNeedsAnAnalystAndReadingAViewer() {
    assertThat(ApiConfiguration.POLICY.required("POST", "/api/rules/x/backtest"))
        .isEqualTo(Permission.RUN_SQL);
    assertThat(ApiConfiguration.POLICY.required("POST", "/api/rules/x/evaluate"))
        .isEqualTo(Permission.EDIT_RULES);
    assertThat(ApiConfiguration.POLICY.required("POST", "/api/rules/x/y/backtest"))
        .isEqualTo(Permission.EDIT_RULES);
    assertThat(ApiConfiguration.POLICY.required("GET", "/api/silences"))
        .isEqualTo(Permission.VIEW_DASHBOARDS);
    assertThat(ApiConfiguration.POLICY.required("DELETE", "/api/silences/1"))
        .isEqualTo(Permission.EDIT_RULES);
  }

  private static ApiConfiguration configuration(String token) {
    return new ApiConfiguration(
        new AlertingProperties(
            token,
            "rules.yaml",
            Duration.ZERO,
            "AUTO",
            null,
            null,
            Duration.ofDays(30),
            Duration.ofDays(2),
            "alerts@example.com",
            null,
            "",
            Duration.ofHours(3)));
  }

  private static boolean call(ApiConfiguration configuration, String authorization) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/rules");
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    return configuration.guard().preHandle(request, new MockHttpServletResponse(), new Object());
  }

  @Test
  void anEmptyTokenWithoutUsersDisablesTheApiSayingHowToEnableIt() {
    assertThatThrownBy(() -> call(configuration(""), "Bearer anything"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
              assertThat(e.code()).isEqualTo("api_disabled");
              assertThat(e.getMessage()).contains("tenant-pulse.alerting.admin-token");
            });
  }

  @Test
  void onlyTheRightBearerTokenPasses() {
    ApiConfiguration configuration = configuration("s3cret-admin-token-0123");
    assertThat(call(configuration, "Bearer s3cret-admin-token-0123")).isTrue();
    assertThat(call(configuration, "bearer s3cret-admin-token-0123")).isTrue();
    for (String wrong :
        new String[] {null, "s3cret-admin-token-0123", "Bearer s3cret", "Basic x"}) {
      assertThatThrownBy(() -> call(configuration, wrong))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.UNAUTHORIZED));
    }
  }
}
