package dev.tenantpulse.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.collector.support.TestKafka;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@CollectorTest
class EventsApiTests extends CollectorTestBase {

  private final EventCodec codec = new EventCodec();

  private List<TenantEvent> eventsInKafkaWithIds(String prefix, int expected) {
    return TestKafka.read(
            TOPIC,
            r -> codec.decode(r.value()).id().startsWith(prefix),
            expected,
            Duration.ofSeconds(15))
        .stream()
        .map(ConsumerRecord::value)
        .map(codec::decode)
        .toList();
  }

  @Test
  void acceptsExactlyTheValidEventsOfAMixedBatch() {
    String p = "mixed-" + UUID.randomUUID() + "-";
    String bad = "{\"id\":\"" + p + "bad\",\"type\":\"nope\",\"tenant_id\":\"acme\"}";
    HttpResponse<String> response =
        postEvents(SERVER_KEY, batch(activity(p + "1", "acme"), bad, activity(p + "2", "globex")));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("accepted").asInt()).isEqualTo(2);
    assertThat(body.get("rejected")).hasSize(1);
    assertThat(body.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
    assertThat(body.get("rejected").get(0).get("error").asString()).contains("type");
    assertThat(eventsInKafkaWithIds(p, 2))
        .extracting(TenantEvent::id)
        .containsExactlyInAnyOrder(p + "1", p + "2");
  }

  @Test
  void keysKafkaRecordsByTenant() {
    String p = "keyed-" + UUID.randomUUID() + "-";
    postEvents(SERVER_KEY, batch(activity(p + "1", "initech")));
    ConsumerRecord<String, byte[]> record =
        TestKafka.read(
                TOPIC, r -> codec.decode(r.value()).id().startsWith(p), 1, Duration.ofSeconds(15))
            .getFirst();
    assertThat(record.key()).isEqualTo("initech");
  }

  @Test
  void clientKeyCannotWriteAnotherTenant() {
    String p = "scoped-" + UUID.randomUUID() + "-";
    HttpResponse<String> all = postEvents(ACME_KEY, batch(activity(p + "x", "globex")));
    assertThat(all.statusCode()).isEqualTo(403);
    assertThat(all.body()).contains("may not write");

    HttpResponse<String> mixed =
        postEvents(ACME_KEY, batch(activity(p + "own", "acme"), activity(p + "other", "globex")));
    assertThat(mixed.statusCode()).isEqualTo(200);
    assertThat(json(mixed).get("accepted").asInt()).isEqualTo(1);
    assertThat(json(mixed).get("rejected").get(0).get("error").asString())
        .contains("may not write tenant globex");
    assertThat(eventsInKafkaWithIds(p, 1)).extracting(TenantEvent::id).containsExactly(p + "own");
  }

  @Test
  void unknownKeyGets401AndNothingIsStored() {
    String p = "unauth-" + UUID.randomUUID() + "-";
    assertThat(postEvents("not-a-key", batch(activity(p + "1", "acme"))).statusCode())
        .isEqualTo(401);
    assertThat(post("/v1/events", null, batch(activity(p + "2", "acme")).getBytes()).statusCode())
        .isEqualTo(401);
    assertThat(eventsInKafkaWithIds(p, 0)).isEmpty();
  }

  @Test
  void acceptsAGzippedBody() {
    String p = "gzip-" + UUID.randomUUID() + "-";
    HttpResponse<String> response =
        post(
            "/v1/events",
            "Bearer " + SERVER_KEY,
            gzip(batch(activity(p + "1", "acme"))),
            "Content-Encoding",
            "gzip");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(eventsInKafkaWithIds(p, 1)).hasSize(1);
  }

  @Test
  void refusesABodyOverOneMebibyteWith413() {
    String big = "{\"events\":[],\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
    HttpResponse<String> response = postEvents(SERVER_KEY, big);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("code").asString()).isEqualTo("too_large");
  }

  @Test
  void refusesMalformedJsonWithAReadable400() {
    HttpResponse<String> response = postEvents(SERVER_KEY, "{\"events\": [");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("code").asString()).isEqualTo("malformed_json");
    assertThat(response.body()).doesNotContain("at tools.jackson");
  }
}
