package dev.tenantpulse.flink.recompute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.config.JobConfig;
import dev.tenantpulse.flink.job.TenantPulseJob;
import dev.tenantpulse.flink.testing.OracleComparison;
import dev.tenantpulse.flink.testing.SharedScenario;
import dev.tenantpulse.flink.testing.TableRows;
import dev.tenantpulse.flink.testing.TestFlink;
import dev.tenantpulse.flink.testing.TestJobs;
import dev.tenantpulse.flink.testing.TestKafka;
import dev.tenantpulse.flink.testing.TestWarehouse;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A week of history imported after the stream moved on: the stream stores it as late and leaves it
 * out of the metrics; recomputing that week (BATCH, from {@code events} and from Kafka) gives the
 * oracle's rows for it with every event counted.
 */
class RecomputeTests {

  static final Instant WEEK_FROM = ScenarioConfig.DEFAULT_START.plus(Duration.ofDays(10));
  static final Instant WEEK_TO = WEEK_FROM.plus(Duration.ofDays(7));

  static String db;
  static JobConfig config;
  static ExpectedMetrics expected;

  @BeforeAll
  static void streamWithTheWeekImportedLate() throws Exception {
    List<ScenarioEvent> stream = new ArrayList<>();
    List<ScenarioEvent> week = new ArrayList<>();
    for (ScenarioEvent a : SharedScenario.scenario().arrivals()) {
      Instant at = a.event().timestamp();
      (!at.isBefore(WEEK_FROM) && at.isBefore(WEEK_TO) ? week : stream).add(a);
    }
    // The import arrives after everything else, in its original order.
    Instant importAt = stream.get(stream.size() - 1).receivedAt().plusSeconds(60);
    List<ScenarioEvent> arrivals = new ArrayList<>(stream);
    for (int i = 0; i < week.size(); i++) {
      ScenarioEvent a = week.get(i);
      arrivals.add(new ScenarioEvent(a.event(), importAt.plusMillis(i), a.duplicate(), a.late()));
    }
    expected = MetricOracle.compute(arrivals, OracleOptions.recompute());
    String topic = TestKafka.freshTopic("import", 4);
    TestKafka.send(topic, arrivals);
    db = TestWarehouse.migratedDatabase("recompute");
    config = TestJobs.config(topic, db);

    StreamExecutionEnvironment env = TestFlink.env(2);
    TenantPulseJob.build(env, config);
    env.execute("stream-with-import");
    // The stream kept the imported week (as late) but its metrics of the week miss it.
    assertThat(TableRows.events(db))
        .containsExactlyElementsOf(TableRows.expectedEvents(expected.events()));
    assertThat(expected.lateEvents()).isGreaterThan(week.size() / 2);
    assertThat(weekDifferences()).isNotEmpty();
  }

  @Test
  void recomputingTheWeekFromStoredEventsGivesTheOraclesRowsOfIt() throws Exception {
    Recompute.run(
        TestFlink.env(2),
        config,
        new RecomputeRequest(WEEK_FROM, WEEK_TO, RecomputeRequest.Source.EVENTS));

    assertThat(weekDifferences()).isEmpty();
    assertOnlyTheWeekWasWritten();
  }

  @Test
  void recomputingTheWeekFromKafkaGivesTheSameRows() throws Exception {
    Recompute.run(
        TestFlink.env(2),
        config,
        new RecomputeRequest(WEEK_FROM, WEEK_TO, RecomputeRequest.Source.KAFKA));

    assertThat(weekDifferences()).isEmpty();
    assertOnlyTheWeekWasWritten();
  }

  private static List<String> weekDifferences() throws Exception {
    return OracleComparison.differencesIn(
        db, expected, OracleComparison.METRIC_TABLES, WEEK_FROM, WEEK_TO);
  }

  /** Outside the week the stream's rows stay: the hour after it still lacks the imported events. */
  private static void assertOnlyTheWeekWasWritten() throws Exception {
    long afterWeek =
        TestWarehouse.count(
            "SELECT active_24h FROM "
                + db
                + ".active_tenants_hourly FINAL WHERE window_end = toDateTime("
                + WEEK_TO.plus(Duration.ofHours(1)).getEpochSecond()
                + ", 'UTC')");
    assertThat(afterWeek)
        .isLessThan(
            expected.activeHour(WEEK_TO.plus(Duration.ofHours(1))).orElseThrow().active24h());
  }
}
