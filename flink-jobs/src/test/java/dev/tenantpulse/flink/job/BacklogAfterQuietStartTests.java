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
 * The service sits idle past the idle timeout, so every partition without events has reported
 * itself idle; then days of history arrive at once, in event-time order, spread over 4 partitions.
 * The partitions' first fetches come one after the other: had the others stayed idle, the first
 * partition read would push the watermark days ahead and the rest of the backlog would be judged
 * late. In order means nothing is late.
 */
class BacklogAfterQuietStartTests {

  private static final Duration IDLE = Duration.ofSeconds(10);
  private static final int TENANTS = 120;

  @Test
  void aBacklogArrivingAfterAQuietStartIsNotJudgedLate() throws Exception {
    Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(5));
    List<ScenarioEvent> backlog = activityInOrder(from, from.plus(Duration.ofDays(4)));
    String topic = TestKafka.freshTopic("quiet-start", 4);
    String db = TestWarehouse.migratedDatabase("quiet_start");
    Map<String, String> properties = TestJobs.properties(topic, db);
    properties.put("kafka.bounded", "false");
    properties.put("events.idle-timeout", IDLE.toMillis() + "ms");
    properties.put("parallelism", "1"); // one reader owns all 4 partitions
    StreamExecutionEnvironment env = TestFlink.env(1);
    TenantPulseJob.build(env, TestJobs.config(properties));
    JobClient job = env.executeAsync("backlog-after-quiet-start");
    try {
      Thread.sleep(IDLE.toMillis() * 3 / 2); // every partition reports idle
      TestKafka.send(topic, backlog);
      TestWarehouse.awaitEvents(db, backlog.size(), Duration.ofSeconds(90));

      assertThat(TestWarehouse.count("SELECT countIf(late = 1) FROM " + db + ".events FINAL"))
          .as("events judged late out of %d sent in order", backlog.size())
          .isZero();
    } finally {
      job.cancel().get();
    }
  }

  /** Every tenant active every 15 minutes in [from, until), all sent in event-time order. */
  private static List<ScenarioEvent> activityInOrder(Instant from, Instant until) {
    List<ScenarioEvent> events = new ArrayList<>();
    int n = 0;
    for (Instant t = from; t.isBefore(until); t = t.plus(Duration.ofMinutes(15))) {
      for (int tenant = 0; tenant < TENANTS; tenant++) {
        TenantEvent e =
            TenantEvent.builder(EventType.ACTIVITY, "q-" + n++, "tenant-" + tenant, t).build();
        events.add(new ScenarioEvent(e, t, false, false));
      }
    }
    return events;
  }
}
