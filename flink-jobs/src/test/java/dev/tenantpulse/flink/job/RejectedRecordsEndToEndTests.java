package dev.tenantpulse.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.testing.TestFlink;
import dev.tenantpulse.flink.testing.TestJobs;
import dev.tenantpulse.flink.testing.TestKafka;
import dev.tenantpulse.flink.testing.TestWarehouse;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Records the job cannot process, written straight to Kafka (no collector in between) ahead of
 * normal traffic: an event whose timestamp is {@code -999999999-01-01T00:00:00Z} (its epoch
 * milliseconds overflow; it used to put the job into a restart loop), bytes that are no event, an
 * event dated 2300, and a usage quantity the {@code events} table refuses. The job runs without a
 * restart strategy, so any failure would end it: it must still be RUNNING, with each bad record a
 * row of {@code rejected_events} naming its stage and reason, and every normal event in its tables.
 *
 * <p>The refused quantity: an operator's CHECK constraint on {@code events} stands in for a column
 * that refuses a value, since with the event time bounded at the source chDB's columns accept every
 * value an event can carry; the engine's refusal (VIOLATED_CONSTRAINT) is real.
 */
class RejectedRecordsEndToEndTests {

  private static final String[] TENANTS = {"acme", "globex", "initech", "umbrella"};

  @Test
  void badRecordsBecomeDeadLettersAndTheJobRunsOnWithoutARestart() throws Exception {
    Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
    String topic = TestKafka.freshTopic("rejected", 2);
    String db = TestWarehouse.migratedDatabase("rejected");
    TestWarehouse.execute(
        "ALTER TABLE "
            + db
            + ".events ADD CONSTRAINT sane_quantity CHECK ifNull(quantity, 0) < 1e15");

    long at = base.toEpochMilli();
    TestKafka.sendRaw(topic, "acme", event("bad-time", "-999999999-01-01T00:00:00Z"), at);
    TestKafka.sendRaw(topic, "acme", new byte[] {(byte) 0xC3, 0x28, 0x00, '{'}, at);
    TestKafka.sendRaw(topic, "globex", event("future", "2300-01-01T00:00:00Z"), at);
    TenantEvent huge =
        TenantEvent.builder(EventType.USAGE, "huge", "acme", base.plusSeconds(60))
            .meter("storage_gb")
            .quantity(1e18)
            .build();
    List<ScenarioEvent> normal = normalTraffic(base);
    List<ScenarioEvent> all = new ArrayList<>();
    all.add(new ScenarioEvent(huge, base.plusSeconds(60), false, false));
    all.addAll(normal);
    TestKafka.send(topic, all);

    Map<String, String> properties = TestJobs.properties(topic, db);
    properties.put("kafka.bounded", "false");
    properties.put("events.idle-timeout", "5s"); // the topic goes quiet: close the hours
    StreamExecutionEnvironment env = TestFlink.env(2);
    Configuration noRestarts = new Configuration();
    noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    env.configure(noRestarts);
    TenantPulseJob.build(env, TestJobs.config(properties));
    JobClient job = env.executeAsync("rejected-records");
    try {
      String usageOfTheFirstDay =
          "SELECT count() FROM "
              + db
              + ".usage_daily FINAL WHERE tenant_id = 'acme' AND meter = 'api_calls'"
              + " AND day = toDate("
              + base.getEpochSecond()
              + ")";
      awaitAtLeast(job, "SELECT count() FROM " + db + ".rejected_events FINAL", 4);
      awaitAtLeast(job, "SELECT count() FROM " + db + ".events FINAL", normal.size());
      awaitAtLeast(job, usageOfTheFirstDay, 1);

      assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      Map<String, List<Object>> byEvent = new TreeMap<>();
      for (List<Object> row :
          TestWarehouse.rows(
              "SELECT stage, reason, tenant_id, event_id, topic, partition, offset, raw FROM "
                  + db
                  + ".rejected_events FINAL")) {
        byEvent.put(row.get(0) + "/" + row.get(3), row);
      }
      assertThat(byEvent)
          .containsOnlyKeys(
              "decode/", "event_time/bad-time", "event_time/future", "sink:events/huge");
      assertThat((String) byEvent.get("event_time/bad-time").get(1))
          .contains("-999999999-01-01T00:00:00Z is before the earliest accepted");
      assertThat((String) byEvent.get("event_time/bad-time").get(7))
          .contains("\"timestamp\":\"-999999999-01-01T00:00:00Z\"");
      assertThat((String) byEvent.get("event_time/future").get(1)).contains("not before 2100");
      assertThat((String) byEvent.get("decode/").get(1)).contains("not valid JSON");
      assertThat((String) byEvent.get("decode/").get(7)).isEqualTo("base64:wygAew==");
      assertThat((String) byEvent.get("sink:events/huge").get(1))
          .contains("VIOLATED_CONSTRAINT")
          .contains("sane_quantity");
      assertThat(byEvent.values())
          .allSatisfy(
              r -> {
                assertThat(r.get(4)).as("topic").isEqualTo(topic);
                assertThat((Integer) r.get(5)).as("partition").isBetween(0, 1);
                assertThat((Long) r.get(6)).as("offset").isNotNegative();
              });

      assertThat(TestWarehouse.count("SELECT count() FROM " + db + ".events FINAL"))
          .as("every normal event, not the refused one")
          .isEqualTo(normal.size());
      assertThat(
              TestWarehouse.rows(
                  "SELECT meter, quantity FROM "
                      + db
                      + ".usage_daily FINAL WHERE tenant_id = 'acme' AND day = toDate("
                      + base.getEpochSecond()
                      + ") ORDER BY meter"))
          .as("the metrics count the event only the events table refused")
          .containsExactly(List.of("api_calls", 24.0 * 6), List.of("storage_gb", 1e18));
      assertThat(
              TestWarehouse.count(
                  "SELECT countIf(active_24h = "
                      + TENANTS.length
                      + ") FROM "
                      + db
                      + ".active_tenants_hourly FINAL"))
          .isPositive();
    } finally {
      job.cancel().get();
    }
  }

  /** Every tenant active every 10 minutes for 26 hours (with an api_calls unit each), in order. */
  private static List<ScenarioEvent> normalTraffic(Instant base) {
    List<ScenarioEvent> events = new ArrayList<>();
    int n = 0;
    for (Instant t = base; t.isBefore(base.plus(Duration.ofHours(26))); t = t.plusSeconds(600)) {
      for (String tenant : TENANTS) {
        TenantEvent e =
            TenantEvent.builder(EventType.USAGE, "n-" + n++, tenant, t)
                .meter("api_calls")
                .quantity(1.0)
                .build();
        events.add(new ScenarioEvent(e, t, false, false));
      }
    }
    return events;
  }

  private static byte[] event(String id, String timestamp) {
    return ("{\"id\":\""
            + id
            + "\",\"type\":\"activity\",\"tenant_id\":\"acme\",\"timestamp\":\""
            + timestamp
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void awaitAtLeast(JobClient job, String sql, long expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      last = TestWarehouse.count(sql);
      if (last >= expected) {
        return;
      }
      JobStatus status = job.getJobStatus().get();
      if (status.isTerminalState()) {
        throw new AssertionError("the job ended as " + status + " before: " + sql);
      }
      Thread.sleep(200);
    }
    throw new AssertionError(sql + " stayed at " + last + ", expected " + expected);
  }
}
