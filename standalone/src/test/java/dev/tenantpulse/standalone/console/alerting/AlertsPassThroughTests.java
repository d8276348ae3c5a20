package dev.tenantpulse.standalone.console.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.ConsoleLogin;
import dev.tenantpulse.standalone.support.RunningRuntime;
import dev.tenantpulse.standalone.support.TestAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The alerts page's requests, passed by the console to the alerting API: every role reads, only
 * admins create and end silences, and nothing outside the page's paths gets through.
 */
class AlertsPassThroughTests {

  private static String base;

  @BeforeAll
  static void start() {
    TestAccounts.ensure();
    base = RunningRuntime.get().endpoints().console();
  }

  @Test
  void everyRoleReadsAlertsHistoryAndSilences() {
    ConsoleLogin viewer = ConsoleLogin.as(base, TestAccounts.VIEWER, TestAccounts.PASSWORD);
    for (String path : new String[] {"alerts", "alerts/history", "silences", "rules"}) {
      ConsoleLogin.Answer answer = viewer.get("/api/alerting/" + path);
      assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
      assertThat(answer.header("Content-Type")).contains("json");
    }
  }

  @Test
  void anAdminCreatesAndEndsASilenceAndAViewerMayNot() {
    String silence =
        """
        {"matchers": {"plan": "starter"}, "duration": "1h",
         "comment": "planned maintenance", "created_by": "someone-else"}""";
    ConsoleLogin viewer = ConsoleLogin.as(base, TestAccounts.VIEWER, TestAccounts.PASSWORD);
    ConsoleLogin.Answer refused = viewer.send("POST", "/api/alerting/silences", silence);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("required_role").asString()).isEqualTo("admin");

    ConsoleLogin admin = ConsoleLogin.as(base, TestAccounts.ADMIN, TestAccounts.PASSWORD);
    assertThat(admin.sendWithToken("POST", "/api/alerting/silences", silence, null).status())
        .isEqualTo(403); // no CSRF token
    ConsoleLogin.Answer created = admin.send("POST", "/api/alerting/silences", silence);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asString();
    // signed by the logged-in user, not by the name the body gave
    assertThat(created.json().get("created_by").asString()).isEqualTo(TestAccounts.ADMIN);
    assertThat(ids(admin.get("/api/alerting/silences").json())).contains(id);

    assertThat(viewer.send("DELETE", "/api/alerting/silences/" + id, null).status()).isEqualTo(403);
    ConsoleLogin.Answer ended = admin.send("DELETE", "/api/alerting/silences/" + id, null);
    assertThat(ended.status()).as(ended.body()).isBetween(200, 204);
    assertThat(ids(admin.get("/api/alerting/silences").json())).doesNotContain(id);
  }

  @Test
  void pathsThePageDoesNotUseAreNotPassedOn() {
    ConsoleLogin admin = ConsoleLogin.as(base, TestAccounts.ADMIN, TestAccounts.PASSWORD);
    for (String path :
        new String[] {
          "rules/active_tenants_drop/evaluate", "", "alerts/../rules", "actuator", "silences/a/b"
        }) {
      ConsoleLogin.Answer answer = admin.send("POST", "/api/alerting/" + path, "{}");
      assertThat(answer.status()).as(path).isIn(400, 404);
    }
  }

  private static java.util.List<String> ids(JsonNode silences) {
    return silences.findValuesAsString("id");
  }
}
