package dev.tenantpulse.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.testing.OracleComparison;
import dev.tenantpulse.flink.testing.TestFlink;
import dev.tenantpulse.flink.testing.TestJobs;
import dev.tenantpulse.flink.testing.TestKafka;
import dev.tenantpulse.flink.testing.TestWarehouse;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The streaming job forgets an erased tenant. Eight days of a scenario reach the running job; then
 * the tenant's erasure notice; then eight more days of everyone else. Every metric row of those
 * later days (the 24 h and weekly windows that still reached into the tenant's activity, feature
 * adoption's tenants per plan, usage by plan) must equal the oracle's over the events without the
 * tenant, as if it had never existed: the job held it in per-tenant state and in every aggregator,
 * and without the notice each of those rows counts it.
 */
class ErasedTenantForgottenTests {

  private static final Instant START = Instant.parse("2025-06-02T00:00:00Z"); // a Monday
  private static final Instant MIDDLE = START.plus(Duration.ofDays(8));
  private static final Instant END = START.plus(Duration.ofDays(16));
  private static final int PARTITIONS = 4;

  @Test
  void rowsWrittenAfterTheNoticeNeverCountTheErasedTenant() throws Exception {
    Scenario scenario =
        ScenarioGenerator.generate(
            new ScenarioConfig(
                23L,
                30,
                16,
                START,
                -1,
                0.0,
                ScenarioConfig.DEFAULT_DUPLICATE_RATE,
                0,
                ScenarioConfig.DEFAULT_MAX_DISORDER,
                5.0,
                ScenarioConfig.DEFAULT_WEEKEND_ACTIVITY));
    List<ScenarioEvent> first =
        scenario.arrivals().stream().filter(a -> a.receivedAt().isBefore(MIDDLE)).toList();
    String erased = busiestTenant(first);
    List<ScenarioEvent> rest =
        scenario.arrivals().stream()
            .filter(a -> !a.receivedAt().isBefore(MIDDLE))
            .filter(a -> !a.event().tenantId().equals(erased))
            .collect(Collectors.toCollection(ArrayList::new));
    // Two days past the end on every partition: every hour and day up to the end closes.
    Instant closing = END.plus(Duration.ofDays(2));
    for (String closer : closersOnEveryPartition()) {
      TenantEvent e = TenantEvent.builder(EventType.ACTIVITY, "closer", closer, closing).build();
      rest.add(new ScenarioEvent(e, closing, false, false));
    }

    List<ScenarioEvent> withoutErased = new ArrayList<>();
    first.stream().filter(a -> !a.event().tenantId().equals(erased)).forEach(withoutErased::add);
    withoutErased.addAll(rest);
    ExpectedMetrics expected = MetricOracle.compute(withoutErased, OracleOptions.streaming());

    String topic = TestKafka.freshTopic("erased-tenant", PARTITIONS);
    String db = TestWarehouse.migratedDatabase("erased_tenant");
    Map<String, String> properties = TestJobs.properties(topic, db);
    properties.put("kafka.bounded", "false");
    StreamExecutionEnvironment env = TestFlink.env(2);
    TenantPulseJob.build(env, TestJobs.config(properties));
    JobClient job = env.executeAsync("erased-tenant-forgotten");
    try {
      TestKafka.send(topic, first);
      TestWarehouse.awaitEvents(db, distinctEvents(first, List.of()), Duration.ofSeconds(120));
      TestKafka.sendErasureNotice(topic, erased, MIDDLE);
      TestKafka.send(topic, rest);
      TestWarehouse.awaitEvents(db, distinctEvents(first, rest), Duration.ofSeconds(120));

      List<String> differences = List.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        differences =
            OracleComparison.differencesIn(
                db, expected, OracleComparison.METRIC_TABLES, MIDDLE, END);
        if (differences.isEmpty()) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(differences)
          .as("rows of [%s, %s) against the oracle without %s", MIDDLE, END, erased)
          .isEmpty();
      assertThat(
              TestWarehouse.count(
                  "SELECT count() FROM "
                      + db
                      + ".active_tenants_hourly FINAL WHERE window_end > '2025-06-10 00:00:00'"
                      + " AND window_end <= '2025-06-18 00:00:00'"))
          .as("the compared range holds the rows")
          .isGreaterThan(100);
    } finally {
      job.cancel().get();
    }
  }

  private static List<String> closersOnEveryPartition() {
    Map<Integer, String> byPartition = new java.util.TreeMap<>();
    for (int i = 0; byPartition.size() < PARTITIONS; i++) {
      String tenant = "zz-closer-" + i;
      byPartition.putIfAbsent(TestKafka.partitionOf(tenant, PARTITIONS), tenant);
    }
    return List.copyOf(byPartition.values());
  }

  /** The tenant with the most events before the middle: the one most rows count. */
  private static String busiestTenant(List<ScenarioEvent> arrivals) {
    return arrivals.stream()
        .collect(Collectors.groupingBy(a -> a.event().tenantId(), Collectors.counting()))
        .entrySet()
        .stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow()
        .getKey();
  }

  private static long distinctEvents(List<ScenarioEvent> some, List<ScenarioEvent> more) {
    return java.util.stream.Stream.concat(some.stream(), more.stream())
        .map(a -> a.event().tenantId() + "/" + a.event().id())
        .distinct()
        .count();
  }
}
