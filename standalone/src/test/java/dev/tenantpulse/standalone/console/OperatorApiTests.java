package dev.tenantpulse.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.Http;
import dev.tenantpulse.standalone.support.Poll;
import dev.tenantpulse.standalone.support.RunningRuntime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The operator API over real HTTP: keys through the collector, pipeline status, recompute. */
class OperatorApiTests {

  private static String console() {
    return RunningRuntime.get().endpoints().console();
  }

  private static String collector() {
    return RunningRuntime.get().endpoints().collector();
  }

  private static Http.Answer ingest(String key, String tenant, String id) {
    return Http.post(
        collector() + "/v1/events",
        key,
        "application/json",
        "{\"events\": [{\"id\": \""
            + id
            + "\", \"type\": \"activity\", \"tenant_id\": \""
            + tenant
            + "\", \"timestamp\": \"2026-01-05T10:00:00Z\"}]}");
  }

  @Test
  void createsAClientKeyThatWritesItsTenantOnly() {
    Http.Answer created =
        Http.post(
            console() + "/api/keys",
            RunningRuntime.ADMIN_TOKEN,
            "application/json",
            "{\"name\": \"web\", \"tenant_id\": \"operator-acme\"}");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String key = created.json().path("key").asString();
    assertThat(key).startsWith("tp_");
    assertThat(ingest(key, "operator-acme", "k-1").status()).isEqualTo(200);
    assertThat(ingest(key, "operator-other", "k-2").status()).isEqualTo(403);
    Http.Answer listed = Http.get(console() + "/api/keys", RunningRuntime.ADMIN_TOKEN);
    assertThat(listed.body()).contains(created.json().path("id").asString()).doesNotContain(key);
  }

  @Test
  void passesOnTheCollectorsValidationOfAKeyRequest() {
    Http.Answer refused =
        Http.post(
            console() + "/api/keys",
            RunningRuntime.ADMIN_TOKEN,
            "application/json",
            "{\"name\": \"web\", \"tenantId\": \"acme\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("tenantId");
  }

  @Test
  void showsKafkaOffsetsTheRunningJobAndItsCheckpoints() {
    for (int i = 0; i < 5; i++) {
      assertThat(ingest(RunningRuntime.DEV_KEY, "status-tenant", "s-" + i).status()).isEqualTo(200);
    }

    JsonNode status =
        Poll.until(
            Duration.ofSeconds(90),
            () -> Http.get(console() + "/api/pipeline", RunningRuntime.ADMIN_TOKEN).json(),
            s ->
                s.path("flink").path("last_checkpoint").isObject()
                    && s.path("kafka").path("lag").asLong(-1) == 0,
            "a completed checkpoint that committed every offset");

    assertThat(status.path("kafka").path("topic").asString()).isEqualTo("tenant-events");
    assertThat(status.path("kafka").path("end_offset_total").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(status.path("kafka").path("partitions").size()).isEqualTo(4);
    assertThat(status.path("flink").path("state").asString()).isEqualTo("RUNNING");
    assertThat(status.path("flink").path("job_id").asString()).hasSize(32);
    assertThat(status.path("flink").path("vertices").size()).isGreaterThan(1);
    assertThat(status.path("flink").path("last_checkpoint").path("path").asString())
        .contains("checkpoints");
  }

  @Test
  void refusesARecomputeRangeThatIsNotOne() {
    Http.Answer backwards =
        Http.post(
            console() + "/api/recompute",
            RunningRuntime.ADMIN_TOKEN,
            "application/json",
            "{\"from\": \"2026-01-02T00:00Z\", \"to\": \"2026-01-01T00:00Z\"}");
    Http.Answer garbage =
        Http.post(
            console() + "/api/recompute",
            RunningRuntime.ADMIN_TOKEN,
            "application/json",
            "{\"from\": \"yesterday\"}");

    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.body()).contains("from must be before to");
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.json().path("problems").size()).isEqualTo(2);
  }

  @Test
  void startsARecomputeOrSaysWhyThisBuildCannot() {
    Http.Answer answer =
        Http.post(
            console() + "/api/recompute",
            RunningRuntime.ADMIN_TOKEN,
            "application/json",
            "{\"from\": \"2026-01-05T00:00:00Z\", \"to\": \"2026-01-06T00:00:00Z\"}");

    boolean available;
    try {
      Class.forName("dev.tenantpulse.flink.recompute.Recompute");
      available = true;
    } catch (ClassNotFoundException e) {
      available = false;
    }
    if (available) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(202);
      String id = answer.json().path("id").asString();
      assertThat(Http.get(console() + "/api/recompute/" + id, RunningRuntime.ADMIN_TOKEN).status())
          .isEqualTo(200);
    } else {
      assertThat(answer.status()).isEqualTo(501);
      assertThat(answer.json().path("detail").asString()).contains("Recompute");
    }
  }

  @Test
  void answersUnknownRecomputeIdsWithNotFound() {
    Http.Answer answer = Http.get(console() + "/api/recompute/nope", RunningRuntime.ADMIN_TOKEN);

    assertThat(answer.status()).isEqualTo(404);
  }
}
