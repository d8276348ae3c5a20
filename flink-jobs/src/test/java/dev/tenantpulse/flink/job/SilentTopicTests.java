package dev.tenantpulse.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.testing.TestFlink;
import dev.tenantpulse.flink.testing.TestJobs;
import dev.tenantpulse.flink.testing.TestKafka;
import dev.tenantpulse.flink.testing.TestWarehouse;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * An outage: the topic goes silent. Event time must keep following the wall clock (minus the
 * disorder bound) once the idle timeout has passed, so hours keep closing, and the ones a day after
 * the last activity show {@code active_24h = 0} — but never before a first event was seen. Two
 * tenants on a 4-partition topic: partitions without any event must not hold event time back.
 */
class SilentTopicTests {

  private static final Duration IDLE = Duration.ofSeconds(1);

  @Test
  void hoursKeepClosingWhileTheTopicIsSilentButNotBeforeTheFirstEvent() throws Exception {
    Instant start = Instant.now();
    Instant base = start.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(60));
    Instant lastActivity = base.plus(Duration.ofHours(12));
    String topic = TestKafka.freshTopic("silent", 4);
    String db = TestWarehouse.migratedDatabase("silent");
    Map<String, String> properties = TestJobs.properties(topic, db);
    properties.put("kafka.bounded", "false");
    properties.put("events.idle-timeout", IDLE.toMillis() + "ms");
    StreamExecutionEnvironment env = TestFlink.env(2);
    TenantPulseJob.build(env, TestJobs.config(properties));
    JobClient job = env.executeAsync("silent-topic");
    try {
      // Silent from the start for several idle timeouts. Had event time jumped to the wall clock
      // already, the 2-day-old events sent next would all be late: no hour would count them.
      Thread.sleep(5 * IDLE.toMillis());
      assertThat(hours(db)).isZero();

      TestKafka.send(topic, activity(base, lastActivity, "acme", "globex"));

      Instant closable = start.minusSeconds(31).truncatedTo(ChronoUnit.HOURS);
      awaitLastHourAtLeast(db, closable, Duration.ofSeconds(90));
      long lastActivityHour = lastActivity.truncatedTo(ChronoUnit.HOURS).getEpochSecond();
      assertThat(
              TestWarehouse.count(
                  "SELECT countIf(active_24h != 0) FROM "
                      + db
                      + ".active_tenants_hourly FINAL WHERE toUnixTimestamp(window_end) > "
                      + (lastActivityHour + 25 * 3600)))
          .as("hours more than a day after the last activity")
          .isZero();
      assertThat(
              TestWarehouse.count(
                  "SELECT countIf(active_24h = 0) FROM " + db + ".active_tenants_hourly FINAL"))
          .isGreaterThanOrEqualTo(20);
      assertThat(
              TestWarehouse.count(
                  "SELECT countIf(active_24h = 2) FROM " + db + ".active_tenants_hourly FINAL"))
          .as("hours counting both tenants: the events were not late")
          .isPositive();
    } finally {
      job.cancel().get();
    }
  }

  private static long hours(String db) throws Exception {
    return TestWarehouse.count("SELECT count() FROM " + db + ".active_tenants_hourly FINAL");
  }

  private static void awaitLastHourAtLeast(String db, Instant hour, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = 0;
    while (System.nanoTime() < deadline) {
      last =
          TestWarehouse.count(
              "SELECT toUnixTimestamp(max(window_end)) FROM " + db + ".active_tenants_hourly");
      if (last >= hour.getEpochSecond()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "event time did not reach " + hour + " within " + timeout + "; last hour " + last);
  }

  /** An activity event every 10 minutes per tenant in [from, until), received as it happens. */
  private static List<ScenarioEvent> activity(Instant from, Instant until, String... tenants) {
    List<ScenarioEvent> events = new ArrayList<>();
    int n = 0;
    for (Instant t = from; t.isBefore(until); t = t.plus(Duration.ofMinutes(10))) {
      for (String tenant : tenants) {
        TenantEvent e = TenantEvent.builder(EventType.ACTIVITY, "a-" + n++, tenant, t).build();
        events.add(new ScenarioEvent(e, t, false, false));
      }
    }
    return events;
  }
}
