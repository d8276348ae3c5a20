package dev.tenantpulse.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.collector.support.TopicEvents;
import dev.tenantpulse.collector.support.TopicEvents.Received;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the real SDKs send, each way they send it, over real HTTP into Kafka: declared content types
 * that are not JSON, the write key in each of its places, the single-message paths (analytics.js
 * posts to {@code /v1/t}, RudderStack to {@code /v1/track}), browser preflights, and a device clock
 * that is hours off.
 */
@CollectorTest
class SegmentSdkTransportTests extends CollectorTestBase {

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static String basic(String key) {
    return "Basic "
        + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  private static String track(String id, String tenant) {
    return "{\"type\":\"track\",\"messageId\":\"%s\",\"userId\":\"u-1\",\"event\":\"Opened\",\"context\":{\"groupId\":\"%s\"}}"
        .formatted(id, tenant);
  }

  private HttpResponse<String> send(String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        request.header(headers[i], headers[i + 1]);
      }
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> postText(String path, String body, String... headers) {
    return send("POST", path, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static List<TenantEvent> landed(String prefix, int expected) {
    return TopicEvents.withIdPrefix(TOPIC, prefix, expected, Duration.ofSeconds(15)).stream()
        .map(Received::event)
        .toList();
  }

  @Test
  void everyDeclaredContentTypeIsReadAsJsonOnEveryBatchPath() {
    String p = "seg-ctype-" + UUID.randomUUID() + "-";
    List<String> types =
        java.util.Arrays.asList(
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=UTF-8",
            "application/octet-stream",
            null);
    List<String> paths = List.of("/v1/batch", "/v1/import", "/v1/import/", "/v1/b");
    List<String> sent = new ArrayList<>();
    int n = 0;
    for (String path : paths) {
      for (String type : types) {
        String id = p + n++;
        sent.add(id);
        HttpResponse<String> response =
            postText(
                path,
                "{\"batch\":[" + track(id, "acme") + "]}",
                "Content-Type",
                type,
                "Authorization",
                basic(SERVER_KEY));
        assertThat(response.statusCode())
            .as("%s as %s: %s", path, type, response.body())
            .isEqualTo(200);
        assertThat(json(response).get("accepted").asInt()).isEqualTo(1);
      }
    }
    assertThat(landed(p, sent.size()))
        .extracting(TenantEvent::id)
        .containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void theWriteKeyIsTakenAsBasicUserBearerTokenBodyFieldOrBeaconQuery() {
    String p = "seg-keys-" + UUID.randomUUID() + "-";
    String body = "{\"batch\":[" + track(p + "basic", "acme") + "]}";
    assertThat(postText("/v1/batch", body, "Authorization", basic(SERVER_KEY)).statusCode())
        .isEqualTo(200);
    assertThat(
            postText(
                    "/v1/batch",
                    body.replace("basic", "bearer"),
                    "Authorization",
                    "Bearer " + SERVER_KEY)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            postText(
                    "/v1/batch",
                    "{\"writeKey\":\""
                        + SERVER_KEY
                        + "\",\"batch\":["
                        + track(p + "body", "acme")
                        + "]}",
                    "Content-Type",
                    "text/plain")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            postText(
                    "/beacon/v1/batch?writeKey="
                        + URLEncoder.encode(SERVER_KEY, StandardCharsets.UTF_8),
                    "{\"batch\":[" + track(p + "beacon", "acme") + "]}",
                    "Content-Type",
                    "text/plain;charset=UTF-8")
                .statusCode())
        .isEqualTo(200);
    assertThat(landed(p, 4))
        .extracting(TenantEvent::id)
        .containsExactlyInAnyOrder(p + "basic", p + "bearer", p + "body", p + "beacon");
  }

  @Test
  void aWrongKeyInAnyPlaceIs401AndNamesWhereTheKeyGoes() {
    String body = "{\"batch\":[" + track("nope-" + UUID.randomUUID(), "acme") + "]}";
    List<HttpResponse<String>> answers =
        List.of(
            postText("/v1/batch", body, "Authorization", "Bearer not-a-key"),
            postText("/v1/batch", body, "Authorization", basic("not-a-key")),
            postText("/v1/batch", body, "Authorization", "Digest realm=x"),
            postText("/v1/batch", body.replace("{\"batch\"", "{\"writeKey\":\"x\",\"batch\"")),
            postText("/v1/batch", body),
            postText("/beacon/v1/batch?writeKey=not-a-key", body),
            postText("/beacon/v1/batch?writeKey=", body),
            postText("/beacon/v1/batch?writeKey&other=" + SERVER_KEY, body),
            postText("/v1/t", track("nope", "acme")));
    assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
    assertThat(json(answers.get(2)).get("detail").asString())
        .contains("Basic", "Bearer", "writeKey");
  }

  @Test
  void everySingleMessagePathTakesOneMessageAndNamesItsCall() {
    String p = "seg-single-" + UUID.randomUUID() + "-";
    Map<String, String> callByPath = new LinkedHashMap<>();
    for (String call : List.of("track", "identify", "group", "page", "screen", "alias")) {
      callByPath.put("/v1/" + call, call);
      callByPath.put("/v1/" + call.charAt(0), call);
    }
    int n = 0;
    Map<String, String> callById = new LinkedHashMap<>();
    for (Map.Entry<String, String> path : callByPath.entrySet()) {
      String id = p + n++;
      callById.put(id, path.getValue());
      // No type, as Segment's HTTP API allows on these paths; the key in the body, as analytics.js.
      String message =
          "{\"messageId\":\"%s\",\"writeKey\":\"%s\",\"userId\":\"u-1\",\"event\":\"Opened\",\"name\":\"Home\",\"groupId\":\"acme\",\"context\":{\"groupId\":\"acme\"},\"sentAt\":\"%s\"}"
              .formatted(id, SERVER_KEY, Instant.now());
      HttpResponse<String> response =
          postText(path.getKey(), message, "Content-Type", "text/plain");
      assertThat(response.statusCode()).as(path.getKey() + ": " + response.body()).isEqualTo(200);
      assertThat(json(response).get("accepted").asInt()).as(path.getKey()).isEqualTo(1);
    }
    List<TenantEvent> events = landed(p, callById.size());
    assertThat(events).hasSize(callById.size());
    for (TenantEvent e : events) {
      assertThat(e.type()).isEqualTo(EventType.ACTIVITY);
      assertThat(e.tenantId()).isEqualTo("acme");
      assertThat(e.properties()).contains("\"segment_type\":\"" + callById.get(e.id()) + "\"");
    }
  }

  @Test
  void aMessageWhoseTypeContradictsItsPathOrIsUnknownIsRejectedWithAReasonNot5xx() {
    String p = "seg-badtype-" + UUID.randomUUID() + "-";
    HttpResponse<String> contradicting =
        postText("/v1/identify", track(p + "contra", "acme"), "Authorization", basic(SERVER_KEY));
    assertThat(contradicting.statusCode()).isEqualTo(200);
    assertThat(json(contradicting).get("success").asBoolean()).isFalse();
    assertThat(json(contradicting).get("rejected").get(0).get("error").asString())
        .contains("track", "identify endpoint");

    HttpResponse<String> unknown =
        postText(
            "/v1/batch",
            "{\"batch\":["
                + track(p + "ok", "acme")
                + ","
                + track(p + "odd", "acme").replace("\"track\"", "\"screenshot\"")
                + "]}",
            "Authorization",
            basic(SERVER_KEY));
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(json(unknown).get("accepted").asInt()).isEqualTo(1);
    assertThat(json(unknown).get("rejected").get(0).get("index").asInt()).isEqualTo(1);
    assertThat(json(unknown).get("rejected").get(0).get("error").asString())
        .contains("screenshot", "track, identify, group");
    assertThat(landed(p, 1)).extracting(TenantEvent::id).containsExactly(p + "ok");
  }

  @Test
  void aDeviceClockHoursAheadIsCorrectedBySentAt() {
    String p = "seg-skew-" + UUID.randomUUID() + "-";
    Duration ahead = Duration.ofHours(3);
    Instant deviceNow = Instant.now().plus(ahead);
    // Called 40 s before the send, by the device's clock; sent "now" by that clock.
    String message =
        "{\"type\":\"page\",\"messageId\":\"%s\",\"anonymousId\":\"a-1\",\"name\":\"Home\",\"properties\":{\"tenant_id\":\"acme\"},\"originalTimestamp\":\"%s\",\"sentAt\":\"%s\"}"
            .formatted(p + "1", deviceNow.minusSeconds(40), deviceNow);
    Instant before = Instant.now();
    HttpResponse<String> response =
        postText("/v1/page", message, "Authorization", basic(SERVER_KEY));
    Instant after = Instant.now();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("accepted").asInt()).as(response.body()).isEqualTo(1);
    Instant stored = landed(p, 1).get(0).timestamp();
    assertThat(stored)
        .isBetween(before.minusSeconds(40).minusMillis(1), after.minusSeconds(40).plusMillis(1));
  }

  @Test
  void browsersMayPostFromAnyOriginAfterAPreflightButNotToTheNativeApi() {
    HttpResponse<String> preflight =
        send(
            "OPTIONS",
            "/v1/t",
            null,
            "Origin",
            "https://app.example.com",
            "Access-Control-Request-Method",
            "POST",
            "Access-Control-Request-Headers",
            "authorization,content-type");
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://app.example.com");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .containsIgnoringCase("authorization")
        .containsIgnoringCase("content-type");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

    String p = "seg-cors-" + UUID.randomUUID() + "-";
    HttpResponse<String> post =
        postText(
            "/v1/b",
            "{\"batch\":[" + track(p + "1", "acme") + "]}",
            "Origin",
            "https://app.example.com",
            "Authorization",
            basic(SERVER_KEY),
            "Content-Type",
            "text/plain");
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(post.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://app.example.com");

    HttpResponse<String> nativePreflight =
        send(
            "OPTIONS",
            "/v1/events",
            null,
            "Origin",
            "https://app.example.com",
            "Access-Control-Request-Method",
            "POST");
    assertThat(nativePreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
