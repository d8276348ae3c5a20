package dev.tenantpulse.standalone.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.standalone.support.CountingPipeline;
import dev.tenantpulse.standalone.support.Http;
import dev.tenantpulse.standalone.support.Poll;
import dev.tenantpulse.standalone.support.RunningRuntime;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A clean stop and start of the whole runtime keeps the Flink job's state (in RocksDB, restored
 * from the savepoint) and Kafka position: the counting job's per-tenant counts go on exactly (a
 * lost state would restart them at zero, lost offsets would count records twice).
 */
class RestartTests {

  private static final String[] TENANTS = {"restart-a", "restart-b", "restart-c"};

  @Test
  void countsContinueExactlyAfterARestart() throws Exception {
    RunningRuntime first = RunningRuntime.get();
    send(first, 0, 5);
    awaitCounts(first, 5);
    // The embedded default keeps keyed state in RocksDB under the data directory, not on the heap.
    try (var files = Files.walk(RunningRuntime.dataDir().resolve("flink/rocksdb"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .anyMatch(name -> name.startsWith("OPTIONS-"));
    }

    RunningRuntime second = RunningRuntime.restart();
    send(second, 5, 3);
    awaitCounts(second, 8);
    // Records read twice would arrive after the exact count: wait until the job has committed
    // every offset (it has read everything), then the counts must still be exact.
    Poll.until(
        Duration.ofSeconds(60),
        () ->
            Http.get(second.endpoints().console() + "/api/pipeline", RunningRuntime.ADMIN_TOKEN)
                .json()
                .path("kafka")
                .path("lag")
                .asLong(-1),
        lag -> lag == 0,
        "the job to commit every offset");
    assertThat(counts(second).values()).containsOnly(8L);

    String restored =
        Poll.until(
            Duration.ofSeconds(30),
            () ->
                Http.get(second.endpoints().console() + "/api/pipeline", RunningRuntime.ADMIN_TOKEN)
                    .json()
                    .path("flink")
                    .path("restored_from")
                    .asString(""),
            path -> !path.isEmpty(),
            "Flink to report the snapshot it restored");
    assertThat(restored).contains("savepoint");
  }

  private static void send(RunningRuntime runtime, int from, int count) {
    for (String tenant : TENANTS) {
      for (int i = from; i < from + count; i++) {
        Http.Answer answer =
            Http.post(
                runtime.endpoints().collector() + "/v1/events",
                RunningRuntime.DEV_KEY,
                "application/json",
                "{\"events\": [{\"id\": \"r-"
                    + i
                    + "\", \"type\": \"activity\", \"tenant_id\": \""
                    + tenant
                    + "\", \"timestamp\": \"2026-01-05T10:00:00Z\"}]}");
        assertThat(answer.status()).isEqualTo(200);
      }
    }
  }

  private static void awaitCounts(RunningRuntime runtime, long expected) {
    Map<String, Long> counts =
        Poll.until(
            Duration.ofSeconds(90),
            () -> counts(runtime),
            c -> c.size() == TENANTS.length && c.values().stream().allMatch(v -> v >= expected),
            "every tenant's count to reach " + expected);
    assertThat(counts.values()).containsOnly(expected);
  }

  private static Map<String, Long> counts(RunningRuntime runtime) {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(runtime.warehouseUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT tenant_id, max(events) FROM "
                    + CountingPipeline.TABLE
                    + " WHERE tenant_id LIKE 'restart-%' GROUP BY tenant_id")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }
}
