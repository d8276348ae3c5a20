package dev.tenantpulse.standalone.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.Http;
import dev.tenantpulse.standalone.support.Poll;
import dev.tenantpulse.standalone.support.RunningRuntime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/pipeline} shows the job's dead letters: the rows of {@code rejected_events} per
 * stage, a record written twice (replayed after a restore) counted once. The runtime is shared with
 * other tests that may leave dead letters of their own, so the counts are compared with those
 * before.
 */
class RejectedEventsStatusTests {

  @Test
  void showsTheDeadLettersPerStageCountingAReplayedRecordOnce() throws Exception {
    RunningRuntime runtime = RunningRuntime.get();
    JsonNode before = rejectedEvents(runtime);
    long total = before.path("total").asLong(0);
    // Recent: the table's TTL drops rows older than 90 days as they are written.
    Instant newest = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String row =
        "(toDateTime64(%d, 3, 'UTC'), '%s', 'a reason', 'status-tenant', '%s',"
            + " 'tenant-events', 1, %d, '{}')";
    try (Connection c = DriverManager.getConnection(runtime.warehouseUrl());
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO tenant_pulse.rejected_events"
              + " (rejected_at, stage, reason, tenant_id, event_id, topic, partition, offset, raw)"
              + " VALUES "
              + String.join(
                  ", ",
                  row.formatted(seconds(newest, 300), "event_time", "e-1", 41),
                  row.formatted(seconds(newest, 0), "event_time", "e-1", 41), // replayed
                  row.formatted(seconds(newest, 240), "decode", "", 42),
                  row.formatted(seconds(newest, 180), "sink:events", "e-3", 43)));
    }

    JsonNode rejected =
        Poll.until(
            Duration.ofSeconds(60),
            () -> rejectedEvents(runtime),
            r -> r.path("total").asLong(0) >= total + 3,
            "the dead letters in the pipeline status");

    assertThat(rejected.path("table").asString()).isEqualTo("tenant_pulse.rejected_events");
    assertThat(rejected.path("total").asLong()).isEqualTo(total + 3);
    for (String stage : new String[] {"event_time", "decode", "sink:events"}) {
      assertThat(rejected.path("by_stage").path(stage).asLong())
          .as(stage)
          .isEqualTo(before.path("by_stage").path(stage).asLong(0) + 1);
    }
    assertThat(Instant.parse(rejected.path("newest_rejected_at").asString())).isEqualTo(newest);
    assertThat(rejected.path("error").isNull()).isTrue();
  }

  private static JsonNode rejectedEvents(RunningRuntime runtime) {
    return Http.get(runtime.endpoints().console() + "/api/pipeline", RunningRuntime.ADMIN_TOKEN)
        .json()
        .path("flink")
        .path("rejected_events");
  }

  private static long seconds(Instant newest, long before) {
    return newest.getEpochSecond() - before;
  }
}
