package dev.tenantpulse.collector.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.AdminClient;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@CollectorTest
@ExtendWith(OutputCaptureExtension.class)
class AdminKeysApiTests extends CollectorTestBase {

  private final AdminClient admin = new AdminClient(() -> port);

  private static String unique(String hint) {
    return hint + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private JsonNode keyInList(String id) {
    HttpResponse<String> list = admin.send("GET", "/admin/keys", null);
    assertThat(list.statusCode()).isEqualTo(200);
    for (JsonNode key : json(list).get("keys")) {
      if (key.get("id").asString().equals(id)) {
        return key;
      }
    }
    throw new AssertionError("key " + id + " not listed: " + list.body());
  }

  @Test
  void createsAClientKeyThatWorksAtOnceForItsTenantOnly() {
    String tenant = unique("tenant");
    HttpResponse<String> created =
        admin.send("POST", "/admin/keys", "{\"name\":\"web\",\"tenant_id\":\"" + tenant + "\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode body = json(created);
    String id = body.get("id").asString();
    String key = body.get("key").asString();
    assertThat(key).startsWith("tp_" + id + "_");
    assertThat(body.get("scope").asString()).isEqualTo("client");
    assertThat(body.get("tenant_id").asString()).isEqualTo(tenant);
    assertThat(created.headers().firstValue("Location")).contains("/admin/keys/" + id);
    assertThat(postEvents(key, batch(activity(unique("e"), tenant))).statusCode()).isEqualTo(200);
    assertThat(postEvents(key, batch(activity(unique("e"), "globex"))).statusCode()).isEqualTo(403);
  }

  @Test
  void createsAServerKeyWhenTheTenantIsNull() {
    JsonNode created = admin.createKey("backend", null);
    assertThat(created.get("scope").asString()).isEqualTo("server");
    String key = created.get("key").asString();
    assertThat(postEvents(key, batch(activity(unique("e"), "acme"), activity(unique("e"), "x"))))
        .satisfies(r -> assertThat(json(r).get("accepted").asInt()).isEqualTo(2));
  }

  @Test
  void listsKeysWithoutTheirSecretsOrHashes() {
    JsonNode created = admin.createKey("listed", "acme");
    String key = created.get("key").asString();
    HttpResponse<String> list = admin.send("GET", "/admin/keys", null);

    assertThat(list.body()).doesNotContain(key).doesNotContain(ApiKeyHashing.hash(key));
    JsonNode listed = keyInList(created.get("id").asString());
    assertThat(listed.propertyNames())
        .containsExactlyInAnyOrder("id", "name", "tenant_id", "scope", "created_at");
    assertThat(listed.get("name").asString()).isEqualTo("listed");
  }

  @Test
  void aRevocationTakesEffectOnTheNextRequest() {
    JsonNode created = admin.createKey("revoked-soon", "acme");
    String id = created.get("id").asString();
    String key = created.get("key").asString();
    assertThat(postEvents(key, batch(activity(unique("e"), "acme"))).statusCode()).isEqualTo(200);

    assertThat(admin.send("DELETE", "/admin/keys/" + id, null).statusCode()).isEqualTo(204);

    HttpResponse<String> refused = postEvents(key, batch(activity(unique("e"), "acme")));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(keyInList(id).get("revoked_at")).isNotNull();
    assertThat(admin.send("DELETE", "/admin/keys/" + id, null).statusCode()).isEqualTo(204);
    assertThat(admin.send("DELETE", "/admin/keys/no-such-key", null).statusCode()).isEqualTo(404);
  }

  @Test
  void refusesABadRequestNamingEveryProblemAtOnce() {
    HttpResponse<String> response =
        admin.send(
            "POST", "/admin/keys", "{\"name\":\" \",\"tenant_id\":\"-bad\",\"tenantId\":\"acme\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = json(response);
    assertThat(problem.get("code").asString()).isEqualTo("invalid_key_request");
    assertThat(problem.get("errors")).hasSize(3);
    assertThat(problem.get("detail").asString())
        .contains("name:", "tenant_id: must match", "unknown field 'tenantId'");
    assertThat(admin.send("POST", "/admin/keys", "{\"name\":").statusCode()).isEqualTo(400);
    assertThat(admin.send("POST", "/admin/keys", "[]").statusCode()).isEqualTo(400);
    assertThat(admin.send("POST", "/admin/keys", "{\"name\":\"" + "n".repeat(201) + "\"}"))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400));
    assertThat(admin.send("POST", "/admin/keys", "{\"name\":\"a\\nINFO forged\"}"))
        .satisfies(r -> assertThat(r.body()).contains("control characters"));
  }

  @Test
  void requiresTheAdminTokenBeforeLookingAtTheRequest() {
    String invalid = "{\"tenantId\":1}";
    assertThat(admin.send("POST", "/admin/keys", null, invalid).statusCode()).isEqualTo(401);
    assertThat(admin.send("POST", "/admin/keys", "Bearer wrong", invalid).statusCode())
        .isEqualTo(401);
    assertThat(admin.send("GET", "/admin/keys", "Bearer " + SERVER_KEY, null).statusCode())
        .isEqualTo(401);
    assertThat(admin.send("DELETE", "/admin/keys/x", "Basic dGVzdA==", null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void neverLogsAKey(CapturedOutput output) {
    JsonNode created = admin.createKey("logged", "acme");
    String key = created.get("key").asString();
    postEvents(key, batch(activity(unique("e"), "acme")));
    admin.send("DELETE", "/admin/keys/" + created.get("id").asString(), null);
    postEvents(key, batch(activity(unique("e"), "acme")));

    assertThat(output.getAll()).contains(created.get("id").asString()).doesNotContain(key);
    assertThat(output.getAll()).doesNotContain(key.substring(16)); // not even the secret part
  }
}
