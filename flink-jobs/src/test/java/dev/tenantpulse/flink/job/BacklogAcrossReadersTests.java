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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * Days of usage reach a job running two workers after every partition went idle. Whatever event
 * time does across the job's source readers, an event is either counted exactly (its hour's and
 * day's sums hold it with the rest) or stored as late; never half-counted, which is what happened
 * when an idle reader let the metric operators' watermark run days ahead of its own backlog: its
 * events passed the lateness check but reached the per-tenant sums after they were cleaned up.
 */
class BacklogAcrossReadersTests {

  private static final Duration IDLE = Duration.ofSeconds(5);
  private static final int PARTITIONS = 4;
  private static final int TENANTS = 40;

  @Test
  void aBacklogPostedAtOnceToTwoWorkersIsCountedWithNothingLate() throws Exception {
    Run run = new Run("backlog_two_workers", Map.of());
    try {
      run.sendAndAwait(usage(run.from, t -> true));
      assertThat(run.lateEvents()).as("events judged late").isZero();
      run.assertUsageEqualsEventsNotLate();
    } finally {
      run.cancel();
    }
  }

  @Test
  void eventsBehindAnotherReadersWatermarkAreCountedExactlyOrStoredLate() throws Exception {
    // Two source readers: the one owning partition 0 reads all its days first, goes quiet and
    // takes event time to the end of the backlog while the other reader's partitions are idle.
    Run run = new Run("backlog_two_readers", Map.of("source.parallelism", "2"));
    try {
      List<ScenarioEvent> first = usage(run.from, t -> partition(t) == 0);
      List<ScenarioEvent> rest = usage(run.from, t -> partition(t) != 0);
      run.sendAndAwait(first);
      Thread.sleep(IDLE.toMillis() * 2); // its reader's other partition goes idle again
      // The rest in two sends, each hour's first half then its second: a watermark between them.
      run.sendAndAwait(rest.stream().filter(e -> minute(e) == 0).toList());
      Thread.sleep(1_000);
      run.sendAndAwait(rest.stream().filter(e -> minute(e) != 0).toList());
      assertThat(run.countedEvents()).as("events counted").isGreaterThanOrEqualTo(first.size());
      run.assertUsageEqualsEventsNotLate();
    } finally {
      run.cancel();
    }
  }

  private static int minute(ScenarioEvent e) {
    return e.event().timestamp().atZone(ZoneOffset.UTC).getMinute();
  }

  private static int partition(String tenant) {
    return TestKafka.partitionOf(tenant, PARTITIONS);
  }

  /** Two usage events per tenant and hour for 3 days, sent in event-time order. */
  private static List<ScenarioEvent> usage(Instant from, Predicate<String> tenants) {
    List<ScenarioEvent> events = new ArrayList<>();
    Instant until = from.plus(Duration.ofDays(3));
    int n = 0;
    for (Instant t = from; t.isBefore(until); t = t.plus(Duration.ofMinutes(30))) {
      for (int i = 0; i < TENANTS; i++) {
        String tenant = "tenant-" + i;
        if (tenants.test(tenant)) {
          TenantEvent e =
              TenantEvent.builder(EventType.USAGE, "u-" + n++, tenant, t)
                  .meter("api_calls")
                  .quantity((double) (1 + (n % 97)))
                  .build();
          events.add(new ScenarioEvent(e, t, false, false));
        }
      }
    }
    return events;
  }

  /** The streaming job on a fresh topic, started and left idle past the idle timeout. */
  private static final class Run {
    final Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(5));
    final String topic;
    final String db;
    final JobClient job;
    long sent;

    Run(String hint, Map<String, String> extra) throws Exception {
      topic = TestKafka.freshTopic(hint, PARTITIONS);
      db = TestWarehouse.migratedDatabase(hint);
      Map<String, String> properties = TestJobs.properties(topic, db);
      properties.put("kafka.bounded", "false");
      properties.put("events.idle-timeout", IDLE.toMillis() + "ms");
      properties.put("parallelism", "2");
      properties.putAll(extra);
      StreamExecutionEnvironment env = TestFlink.env(2);
      TenantPulseJob.build(env, TestJobs.config(properties));
      job = env.executeAsync(hint);
      Thread.sleep(IDLE.toMillis() * 2); // every partition reports idle
    }

    void sendAndAwait(List<ScenarioEvent> events) throws Exception {
      TestKafka.send(topic, events);
      sent += events.size();
      TestWarehouse.awaitEvents(db, sent, Duration.ofSeconds(90));
    }

    long lateEvents() throws Exception {
      return TestWarehouse.count("SELECT countIf(late = 1) FROM " + db + ".events FINAL");
    }

    long countedEvents() throws Exception {
      return TestWarehouse.count("SELECT countIf(late = 0) FROM " + db + ".events FINAL");
    }

    /**
     * Every hour and day of {@code usage_hourly} and {@code usage_daily} holds the sum of exactly
     * the events stored as not late; waits for the sums to settle (the last day closes when event
     * time follows the wall clock after the idle timeout).
     */
    void assertUsageEqualsEventsNotLate() throws Exception {
      String hourly =
          "SELECT tenant_id, toUnixTimestamp(hour) AS h, sum(quantity) FROM "
              + db
              + ".usage_hourly FINAL GROUP BY tenant_id, h ORDER BY tenant_id, h";
      String hourlyFromEvents =
          "SELECT tenant_id, toUnixTimestamp(toStartOfHour(event_time)) AS h, toFloat64(sum(quantity)) FROM "
              + db
              + ".events FINAL WHERE late = 0 GROUP BY tenant_id, h ORDER BY tenant_id, h";
      String daily =
          "SELECT tenant_id, day, sum(quantity) FROM "
              + db
              + ".usage_daily FINAL GROUP BY tenant_id, day ORDER BY tenant_id, day";
      String dailyFromEvents =
          "SELECT tenant_id, toDate(event_time) AS day, toFloat64(sum(quantity)) FROM "
              + db
              + ".events FINAL WHERE late = 0 GROUP BY tenant_id, day ORDER BY tenant_id, day";
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline
          && !(TestWarehouse.rows(hourly).equals(TestWarehouse.rows(hourlyFromEvents))
              && TestWarehouse.rows(daily).equals(TestWarehouse.rows(dailyFromEvents)))) {
        Thread.sleep(500);
      }
      assertThat(TestWarehouse.rows(hourly))
          .as("usage_hourly against the events stored as not late")
          .isEqualTo(TestWarehouse.rows(hourlyFromEvents));
      assertThat(TestWarehouse.rows(daily))
          .as("usage_daily against the events stored as not late")
          .isEqualTo(TestWarehouse.rows(dailyFromEvents));
    }

    void cancel() throws Exception {
      job.cancel().get();
    }
  }
}
