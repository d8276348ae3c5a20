package dev.tenantpulse.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.config.JobConfig;
import dev.tenantpulse.flink.testing.TableRows;
import dev.tenantpulse.flink.testing.TestFlink;
import dev.tenantpulse.flink.testing.TestJobs;
import dev.tenantpulse.flink.testing.TestKafka;
import dev.tenantpulse.flink.testing.TestWarehouse;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The scenario through real Kafka, the job on the MiniCluster and chDB: the {@code events} table
 * against the oracle, row for row.
 */
class EventsEndToEndTests {

  @Test
  void storesEveryFirstCopyOnceWithTheLateFlagOfTheOracle() throws Exception {
    Scenario scenario = ScenarioGenerator.generate(ScenarioConfig.small(7));
    ExpectedMetrics expected = MetricOracle.compute(scenario.arrivals(), OracleOptions.streaming());
    String topic = TestKafka.freshTopic("events-e2e", 4);
    TestKafka.send(topic, scenario.arrivals());
    // Another producer's record in the middle of the topic: skipped and counted, not fatal.
    TestKafka.sendRaw(topic, "acme", "not an event".getBytes(StandardCharsets.UTF_8), 0);
    String db = TestWarehouse.migratedDatabase("events_e2e");
    JobConfig config = TestJobs.config(topic, db);

    StreamExecutionEnvironment env = TestFlink.env(2);
    TenantPulseJob.build(env, config);
    env.execute("events-e2e");

    List<String> actual = TableRows.events(db);
    List<String> wanted = TableRows.expectedEvents(expected.events());
    assertThat(scenario.duplicateCount()).isPositive();
    assertThat(expected.lateEvents()).isPositive();
    assertThat(actual).hasSameSizeAs(wanted);
    assertThat(actual).containsExactlyElementsOf(wanted);
  }
}
