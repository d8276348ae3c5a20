package dev.tenantpulse.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.collector.support.TopicEvents;
import dev.tenantpulse.collector.support.TopicEvents.Received;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/batch} over real HTTP into real Kafka, with hand-made Segment bodies. */
@CollectorTest
class SegmentBatchApiTests extends CollectorTestBase {

  private static String basic(String key) {
    return "Basic "
        + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> postBatch(String authorization, String body, String... headers) {
    return post("/v1/batch", authorization, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static String track(String id, String event, String properties, String tenant) {
    return "{\"type\":\"track\",\"messageId\":\"%s\",\"userId\":\"u-1\",\"event\":\"%s\",\"properties\":%s,\"context\":{\"groupId\":\"%s\"}}"
        .formatted(id, event, properties, tenant);
  }

  private static String group(String id, String tenant, String plan) {
    return "{\"type\":\"group\",\"messageId\":\"%s\",\"groupId\":\"%s\",\"traits\":{\"plan\":\"%s\"}}"
        .formatted(id, tenant, plan);
  }

  private static String segmentBatch(String... messages) {
    return "{\"batch\":["
        + String.join(",", messages)
        + "],\"sentAt\":\""
        + java.time.Instant.now()
        + "\"}";
  }

  private static List<TenantEvent> events(String prefix, int expected) {
    return TopicEvents.withIdPrefix(TOPIC, prefix, expected, Duration.ofSeconds(15)).stream()
        .map(Received::event)
        .toList();
  }

  @Test
  void acceptsABatchWithTheWriteKeyAsBasicUserAndAnswersSuccess() {
    String p = "seg-basic-" + UUID.randomUUID() + "-";
    HttpResponse<String> response =
        postBatch(
            basic(SERVER_KEY),
            segmentBatch(
                track(p + "1", "Feature Used", "{\"feature\":\"sso\"}", "initech"),
                track(p + "2", "Clicked Export", "{}", "initech")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("success").asBoolean()).isTrue();
    assertThat(json(response).get("accepted").asInt()).isEqualTo(2);
    List<Received> received = TopicEvents.withIdPrefix(TOPIC, p, 2, Duration.ofSeconds(15));
    assertThat(received).extracting(Received::key).containsOnly("initech");
    assertThat(received)
        .extracting(r -> r.event().type())
        .containsExactlyInAnyOrder(EventType.FEATURE_USED, EventType.ACTIVITY);
  }

  @Test
  void acceptsTheWriteKeyInTheBodyAsAnalyticsJavaSendsIt() {
    String p = "seg-body-key-" + UUID.randomUUID() + "-";
    String body =
        "{\"writeKey\":\""
            + SERVER_KEY
            + "\",\"batch\":["
            + track(p + "1", "Opened", "{}", "acme")
            + "]}";
    HttpResponse<String> response = postBatch(null, body);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(events(p, 1)).extracting(TenantEvent::id).containsExactly(p + "1");
  }

  @Test
  void refusesUnknownOrMissingWriteKeysWith401() {
    String body = segmentBatch(track("k-1", "Opened", "{}", "acme"));
    assertThat(postBatch(basic("not-a-key"), body).statusCode()).isEqualTo(401);
    assertThat(postBatch(null, body).statusCode()).isEqualTo(401);
    assertThat(
            postBatch(null, body.replace("{\"batch\"", "{\"writeKey\":\"nope\",\"batch\""))
                .statusCode())
        .isEqualTo(401);
    assertThat(json(postBatch("Token " + SERVER_KEY, body)).get("detail").asString())
        .contains("HTTP Basic");
  }

  @Test
  void rejectsAMessageWithoutTenantWithAClearReasonAndKeepsTheOthers() {
    String p = "seg-notenant-" + UUID.randomUUID() + "-";
    String orphan = "{\"type\":\"track\",\"messageId\":\"" + p + "orphan\",\"event\":\"Opened\"}";
    HttpResponse<String> response =
        postBatch(basic(SERVER_KEY), segmentBatch(orphan, track(p + "ok", "Opened", "{}", "acme")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("success").asBoolean()).isFalse();
    assertThat(json(response).get("accepted").asInt()).isEqualTo(1);
    assertThat(json(response).get("rejected").get(0).get("index").asInt()).isZero();
    assertThat(json(response).get("rejected").get(0).get("id").asString()).isEqualTo(p + "orphan");
    assertThat(json(response).get("rejected").get(0).get("error").asString())
        .contains("no tenant", "context.groupId");
    assertThat(events(p, 1)).extracting(TenantEvent::id).containsExactly(p + "ok");
  }

  @Test
  void aClientWriteKeyCannotWriteAnotherTenant() {
    String p = "seg-scoped-" + UUID.randomUUID() + "-";
    HttpResponse<String> response =
        postBatch(basic(ACME_KEY), segmentBatch(track(p + "1", "Opened", "{}", "globex")));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("may not write");
    assertThat(events(p, 0)).isEmpty();
  }

  @Test
  void aGroupCallSignsUpANewTenantThenChangesItsPlanAndEntitlementsFollow() {
    String p = "seg-plan-" + UUID.randomUUID() + "-";
    String tenant = "seg-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            postBatch(basic(SERVER_KEY), segmentBatch(group(p + "1", tenant, "starter")))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            get("/v1/tenants/" + tenant + "/entitlements/sso", "Bearer " + SERVER_KEY).statusCode())
        .isEqualTo(402);
    assertThat(
            postBatch(basic(SERVER_KEY), segmentBatch(group(p + "2", tenant, "professional")))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            get("/v1/tenants/" + tenant + "/entitlements/sso", "Bearer " + SERVER_KEY).statusCode())
        .isEqualTo(200);

    List<TenantEvent> events = events(p, 2);
    assertThat(events)
        .extracting(TenantEvent::id, TenantEvent::type, TenantEvent::plan)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(p + "1", EventType.TENANT_SIGNED_UP, "starter"),
            org.assertj.core.groups.Tuple.tuple(p + "2", EventType.PLAN_CHANGED, "professional"));
  }

  @Test
  void acceptsGzipAndTheImportAliasAnalyticsJavaPostsTo() {
    String p = "seg-gzip-" + UUID.randomUUID() + "-";
    HttpResponse<String> response =
        post(
            "/v1/import/",
            basic(SERVER_KEY),
            gzip(segmentBatch(track(p + "1", "Opened", "{}", "acme"))),
            "Content-Encoding",
            "gzip");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(events(p, 1)).hasSize(1);
  }

  @Test
  void refusesAnEmptyBatchWith400() {
    HttpResponse<String> response = postBatch(basic(SERVER_KEY), "{\"batch\":[]}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("code").asString()).isEqualTo("empty_batch");
  }
}
