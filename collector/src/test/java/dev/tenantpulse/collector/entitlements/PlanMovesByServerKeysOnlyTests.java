package dev.tenantpulse.collector.entitlements;

import static dev.tenantpulse.collector.support.PlanEvents.planChanged;
import static dev.tenantpulse.collector.support.PlanEvents.signedUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.AdminClient;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.collector.support.TopicEvents;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Signups, plan changes and churns move a tenant's plan, entitlements and billing: only server keys
 * may send them. A client key (the one a tenant's own browser or app holds) once upgraded its own
 * tenant to enterprise with one {@code plan_changed}.
 */
@CollectorTest
class PlanMovesByServerKeysOnlyTests extends CollectorTestBase {

  private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String tenant = "probe-a-" + run;
  private final String newTenant = "probe-b-" + run;
  private String clientKey;
  private String newTenantKey;

  @BeforeEach
  void aClientKeyForATenantOnStarter() {
    AdminClient admin = new AdminClient(() -> port);
    clientKey = admin.createKey("probe-a", tenant).get("key").asString();
    newTenantKey = admin.createKey("probe-b", newTenant).get("key").asString();
    HttpResponse<String> signup =
        postEvents(
            SERVER_KEY, batch(signedUp(tenant + "-s", tenant, "starter", now.minusHours(2))));
    assertThat(json(signup).get("accepted").asInt()).as(signup.body()).isEqualTo(1);
  }

  private String plan(String key, String tenantId) {
    HttpResponse<String> answer =
        get("/v1/tenants/" + tenantId + "/entitlements/sso", "Bearer " + key);
    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 402);
    return json(answer).get("plan").asString();
  }

  @Test
  void aClientKeysPlanChangeIsRejectedAndItsEntitlementStays() {
    HttpResponse<String> response =
        postEvents(clientKey, batch(planChanged(tenant + "-up", tenant, "enterprise", now)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode rejection = json(response).get("rejected").get(0);
    assertThat(rejection.get("error").asString())
        .contains(
            "plan_changed moves the tenant's plan and billing: only a server key may send it");
    assertThat(rejection.get("fields").get(0).asString()).isEqualTo("type");
    HttpResponse<String> sso =
        get("/v1/tenants/" + tenant + "/entitlements/sso", "Bearer " + clientKey);
    assertThat(sso.statusCode()).isEqualTo(402);
    assertThat(json(sso).get("plan").asString()).isEqualTo("starter");
  }

  @Test
  void noRouteLetsAClientKeyMoveAPlanAndTheRestOfEachBatchIsAccepted() {
    String p = "client-moves-" + run + "-";
    OffsetDateTime at = now.minusMinutes(1);
    List<Attempt> moves = new ArrayList<>(); // each rejection of these is a refused plan move
    List<Attempt> others = new ArrayList<>();
    // native, each type alone
    moves.add(nativeBatch("signup", clientKey, 0, signedUp(p + "n1", tenant, "enterprise", at)));
    moves.add(nativeBatch("change", clientKey, 0, planChanged(p + "n2", tenant, "enterprise", at)));
    moves.add(nativeBatch("churn", clientKey, 0, churned(p + "n3", tenant, at)));
    // all three around an activity: the activity goes through, the moves do not
    moves.add(
        nativeBatch(
            "mixed native",
            clientKey,
            1,
            planChanged(p + "m1", tenant, "enterprise", at),
            activityAt(p + "m2", tenant, at),
            signedUp(p + "m3", tenant, "enterprise", at),
            churned(p + "m4", tenant, at)));
    // spellings the contract does not know are invalid types, not plan moves
    for (String type : List.of("Plan_Changed", "PLAN_CHANGED", "plan_changed ", "TENANT_CHURNED")) {
      String event =
          planChanged(p + "t" + others.size(), tenant, "enterprise", at)
              .replace("\"plan_changed\"", "\"" + type + "\"");
      others.add(nativeBatch("type " + type, clientKey, 0, event));
    }
    // Segment: a group call with a plan, with the write key as Basic user and in the body
    moves.add(segment("group", "/v1/batch", clientKey, true, 0, group(p + "g1", tenant, at)));
    moves.add(
        segment(
            "group, writeKey", "/v1/import/", clientKey, false, 0, group(p + "g2", tenant, at)));
    moves.add(
        segment(
            "mixed Segment",
            "/v1/batch",
            clientKey,
            true,
            1,
            group(p + "g3", tenant, at),
            track(p + "g4", tenant, at),
            group(p + "g5", tenant, at)));
    // a first-seen tenant, whose group call would be its signup
    moves.add(
        segment("signup", "/v1/batch", newTenantKey, true, 0, group(p + "f1", newTenant, at)));
    // the tenant as context.groupId rather than groupId
    moves.add(
        segment(
            "group in context",
            "/v1/batch",
            clientKey,
            true,
            0,
            group(p + "c1", tenant, at)
                .replace("\"groupId\"", "\"context\":{\"groupId\":\"" + tenant + "\"},\"x\"")));
    // spellings Segment does not know: an unknown call, and a trait that is not 'plan'
    others.add(
        segment(
            "GROUP",
            "/v1/batch",
            clientKey,
            true,
            0,
            group(p + "u1", tenant, at).replace("\"group\"", "\"GROUP\"")));
    others.add(
        segment(
            "trait Plan",
            "/v1/batch",
            clientKey,
            true,
            1,
            group(p + "u2", tenant, at).replace("\"plan\"", "\"Plan\"")));

    List<Attempt> attempts = new ArrayList<>(moves);
    attempts.addAll(others);
    for (Attempt attempt : attempts) {
      String answer = attempt.name + ": " + attempt.response.body();
      assertThat(attempt.response.statusCode()).as(answer).isEqualTo(200);
      JsonNode body = json(attempt.response);
      assertThat(body.get("accepted").asInt()).as(answer).isEqualTo(attempt.accepted);
      for (JsonNode r : body.get("rejected")) {
        assertThat(r.get("error").asString()).as(answer).isNotBlank();
      }
    }
    String reason = "moves the tenant's plan and billing: only a server key may send it";
    for (Attempt attempt : moves) {
      assertThat(json(attempt.response).get("rejected"))
          .as(attempt.name)
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.get("error").asString()).contains(reason));
    }
    assertThat(plan(clientKey, tenant)).isEqualTo("starter");
    assertThat(plan(SERVER_KEY, tenant)).isEqualTo("starter");
    assertThat(plan(newTenantKey, newTenant)).isEqualTo("unknown");
    List<TenantEvent> stored =
        TopicEvents.withIdPrefix(TOPIC, p, 3, Duration.ofSeconds(15)).stream()
            .map(TopicEvents.Received::event)
            .toList();
    assertThat(stored)
        .extracting(TenantEvent::id)
        .containsExactlyInAnyOrder(p + "m2", p + "g4", p + "u2");
    assertThat(stored).allSatisfy(e -> assertThat(e.type()).isEqualTo(EventType.ACTIVITY));
  }

  @Test
  void aServerKeyStillMovesPlansByEveryRoute() {
    String p = "server-moves-" + run + "-";
    nativeBatch(
            "change",
            SERVER_KEY,
            1,
            planChanged(p + "1", tenant, "professional", now.minusMinutes(50)))
        .assertAccepted();
    assertThat(plan(clientKey, tenant)).isEqualTo("professional");
    segment("group", "/v1/batch", SERVER_KEY, true, 1, group(p + "2", tenant, now.minusMinutes(40)))
        .assertAccepted();
    assertThat(plan(clientKey, tenant)).isEqualTo("enterprise");
    segment(
            "signup by group",
            "/v1/import/",
            SERVER_KEY,
            false,
            1,
            group(p + "3", newTenant, "professional", now.minusMinutes(30)))
        .assertAccepted();
    assertThat(plan(newTenantKey, newTenant)).isEqualTo("professional");
    nativeBatch(
            "churn and signup",
            SERVER_KEY,
            2,
            churned(p + "4", tenant, now.minusMinutes(20)),
            signedUp(p + "5", newTenant, "enterprise", now.minusMinutes(10)))
        .assertAccepted();
    assertThat(plan(newTenantKey, newTenant)).isEqualTo("enterprise");
    assertThat(TopicEvents.withIdPrefix(TOPIC, p, 5, Duration.ofSeconds(15)))
        .extracting(r -> r.event().type())
        .containsExactlyInAnyOrder(
            EventType.PLAN_CHANGED,
            EventType.PLAN_CHANGED,
            EventType.TENANT_SIGNED_UP,
            EventType.TENANT_CHURNED,
            EventType.TENANT_SIGNED_UP);
  }

  /**
   * @param accepted how many events of the request must be accepted
   */
  private record Attempt(String name, HttpResponse<String> response, int accepted) {
    void assertAccepted() {
      assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
      assertThat(json(response).get("accepted").asInt())
          .as(name + ": " + response.body())
          .isEqualTo(accepted);
    }
  }

  private Attempt nativeBatch(String name, String key, int accepted, String... events) {
    return new Attempt(name, postEvents(key, batch(events)), accepted);
  }

  private Attempt segment(
      String name, String path, String key, boolean basic, int accepted, String... messages) {
    String batch = "\"batch\":[" + String.join(",", messages) + "]";
    if (basic) {
      String credentials =
          Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
      byte[] body = ("{" + batch + "}").getBytes(StandardCharsets.UTF_8);
      return new Attempt(name, post(path, "Basic " + credentials, body), accepted);
    }
    String body = "{\"writeKey\":\"" + key + "\"," + batch + "}";
    return new Attempt(name, post(path, null, body.getBytes(StandardCharsets.UTF_8)), accepted);
  }

  private static String churned(String id, String tenant, OffsetDateTime at) {
    return "{\"id\":\"%s\",\"type\":\"tenant_churned\",\"tenant_id\":\"%s\",\"timestamp\":\"%s\"}"
        .formatted(id, tenant, at);
  }

  private static String activityAt(String id, String tenant, OffsetDateTime at) {
    return "{\"id\":\"%s\",\"type\":\"activity\",\"tenant_id\":\"%s\",\"timestamp\":\"%s\"}"
        .formatted(id, tenant, at);
  }

  private static String group(String id, String tenant, OffsetDateTime at) {
    return group(id, tenant, "enterprise", at);
  }

  private static String group(String id, String tenant, String plan, OffsetDateTime at) {
    return "{\"type\":\"group\",\"messageId\":\"%s\",\"groupId\":\"%s\",\"traits\":{\"plan\":\"%s\"},\"timestamp\":\"%s\"}"
        .formatted(id, tenant, plan, at);
  }

  private static String track(String id, String tenant, OffsetDateTime at) {
    return "{\"type\":\"track\",\"messageId\":\"%s\",\"event\":\"Opened\",\"context\":{\"groupId\":\"%s\"},\"timestamp\":\"%s\"}"
        .formatted(id, tenant, at);
  }
}
