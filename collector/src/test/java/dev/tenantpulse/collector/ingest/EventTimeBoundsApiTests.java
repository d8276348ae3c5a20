package dev.tenantpulse.collector.ingest;

import static dev.tenantpulse.collector.support.PlanEvents.signedUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.collector.support.TopicEvents;
import dev.tenantpulse.collector.support.TopicEvents.Received;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Event times before the earliest accepted instant (default 2000-01-01T00:00:00Z) are rejected per
 * event, naming the bound, on both ingestion APIs; a year such as -999999999 once passed and
 * stopped the Flink job.
 */
@CollectorTest
class EventTimeBoundsApiTests extends CollectorTestBase {

  private static final String FAR_PAST = "-999999999-01-01T00:00:00Z";

  private static String activityAt(String id, String tenant, String timestamp) {
    return "{\"id\":\"%s\",\"type\":\"activity\",\"tenant_id\":\"%s\",\"timestamp\":\"%s\"}"
        .formatted(id, tenant, timestamp);
  }

  private static List<String> ids(String prefix, int expected) {
    return TopicEvents.withIdPrefix(TOPIC, prefix, expected, Duration.ofSeconds(15)).stream()
        .map(r -> r.event().id())
        .toList();
  }

  @Test
  void rejectsAnEventBeforeTheEarliestTimestampNamingTheBoundAndAcceptsTheRest() {
    String p = "far-past-" + UUID.randomUUID() + "-";
    HttpResponse<String> response =
        postEvents(
            SERVER_KEY,
            batch(
                activityAt(p + "0", "acme", FAR_PAST),
                activityAt(p + "1", "acme", "1999-12-31T23:59:59.999Z"),
                activityAt(p + "2", "acme", "2000-01-01T00:00:00Z")));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("accepted").asInt()).isEqualTo(1);
    assertThat(body.get("rejected")).hasSize(2);
    for (JsonNode rejection : body.get("rejected")) {
      assertThat(rejection.get("error").asString())
          .contains("timestamp", "before 2000-01-01T00:00:00Z");
      assertThat(rejection.get("fields").get(0).asString()).isEqualTo("timestamp");
    }
    assertThat(ids(p, 1)).containsExactly(p + "2");
  }

  @Test
  void aPlanEventFromTheFarPastIsRejectedNotAnErrorAndMovesNoPlan() {
    String tenant = "far-" + UUID.randomUUID().toString().substring(0, 8);
    String event =
        signedUp(tenant + "-1", tenant, "enterprise", OffsetDateTime.now())
            .replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"" + FAR_PAST + "\"");

    HttpResponse<String> response = postEvents(SERVER_KEY, batch(event));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).get("accepted").asInt()).isZero();
    HttpResponse<String> plan =
        get("/v1/tenants/" + tenant + "/entitlements/sso", "Bearer " + SERVER_KEY);
    assertThat(json(plan).get("plan").asString()).isEqualTo("unknown");
  }

  @Test
  void segmentTimestampAndOriginalTimestampObeyTheSameBoundsAndAnImpossibleSentAtCorrectsNothing() {
    String p = "seg-time-" + UUID.randomUUID() + "-";
    String now = Instant.now().minusSeconds(30).toString();
    String body =
        "{\"sentAt\":\"+999999999-12-31T23:59:59Z\",\"batch\":["
            + String.join(
                ",",
                track(p + "0", "\"timestamp\":\"" + FAR_PAST + "\""),
                track(p + "1", "\"originalTimestamp\":\"1969-12-31T23:59:59Z\""),
                track(p + "2", "\"timestamp\":\"" + now + "\",\"originalTimestamp\":\"0000\""),
                track(p + "3", "\"originalTimestamp\":\"" + now + "\""),
                track(p + "4", "\"timestamp\":null"),
                "{\"type\":\"group\",\"messageId\":\""
                    + p
                    + "5\",\"groupId\":\"acme\",\"traits\":{\"plan\":\"enterprise\"},"
                    + "\"timestamp\":\"0001-01-01T00:00:00Z\"}")
            + "]}";
    String basic =
        Base64.getEncoder().encodeToString((SERVER_KEY + ":").getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response =
        post("/v1/batch", "Basic " + basic, body.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).get("accepted").asInt()).as(response.body()).isEqualTo(3);
    assertThat(json(response).get("rejected"))
        .extracting(r -> r.get("index").asInt())
        .containsExactly(0, 1, 5);
    assertThat(json(response).get("rejected"))
        .allSatisfy(r -> assertThat(r.get("error").asString()).contains("before 2000-01-01"));
    assertThat(TopicEvents.withIdPrefix(TOPIC, p, 3, Duration.ofSeconds(15)))
        .extracting(Received::event)
        .extracting(e -> e.id())
        .containsExactlyInAnyOrder(p + "2", p + "3", p + "4");
  }

  private static String track(String id, String times) {
    return "{\"type\":\"track\",\"messageId\":\"%s\",\"event\":\"Opened\",%s,\"context\":{\"groupId\":\"acme\"}}"
        .formatted(id, times);
  }
}
