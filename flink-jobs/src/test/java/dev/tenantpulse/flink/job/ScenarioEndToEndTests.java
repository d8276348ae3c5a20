package dev.tenantpulse.flink.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.flink.testing.OracleComparison;
import dev.tenantpulse.flink.testing.SharedScenario;
import dev.tenantpulse.flink.testing.TableRows;
import dev.tenantpulse.flink.testing.TestFlink;
import dev.tenantpulse.flink.testing.TestJobs;
import dev.tenantpulse.flink.testing.TestWarehouse;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The scenario (300 tenants, 40 days, an outage day, duplicates, disorder, late events) through a
 * real Kafka broker, the whole job on the MiniCluster at parallelism 2 and chDB: every table
 * against the independent oracle, row for row.
 */
class ScenarioEndToEndTests {

  static final Set<String> ALL_TABLES = allTables();

  @Test
  void everyTableMatchesTheOracle() throws Exception {
    ExpectedMetrics expected = SharedScenario.streaming();
    String db = TestWarehouse.migratedDatabase("e2e");

    StreamExecutionEnvironment env = TestFlink.env(2);
    TenantPulseJob.build(env, TestJobs.config(SharedScenario.topic(), db));
    env.execute("scenario-e2e");

    assertThat(SharedScenario.scenario().duplicateCount()).isPositive();
    assertThat(expected.lateEvents()).isPositive();
    assertMatchesOracle(db, expected);
    // The outage day: the hours that should page someone are there.
    assertThat(
            TestWarehouse.count(
                "SELECT count() FROM "
                    + db
                    + ".active_tenants_hourly FINAL WHERE drop_ratio >= 0.2 AND weekly_avg >= 10"))
        .isPositive();
  }

  /**
   * Events and every metric table of {@code db} equal the oracle's rows, and the one record of the
   * topic that is not an event is its only dead letter (once, also after a replay).
   */
  static void assertMatchesOracle(String db, ExpectedMetrics expected) throws Exception {
    assertThat(
            TestWarehouse.rows("SELECT stage, event_id, raw FROM " + db + ".rejected_events FINAL"))
        .containsExactly(List.of("decode", "", "not an event"));
    assertThat(TableRows.events(db))
        .containsExactlyElementsOf(TableRows.expectedEvents(expected.events()));
    Map<String, Long> counts = OracleComparison.rowCounts(db, ALL_TABLES);
    assertThat(counts.values()).as(counts.toString()).allMatch(n -> n > 0);
    assertThat(OracleComparison.differences(db, expected, ALL_TABLES))
        .as(counts.toString())
        .isEmpty();
  }

  private static Set<String> allTables() {
    Set<String> tables = new HashSet<>(OracleComparison.METRIC_TABLES);
    tables.add("tenants");
    return Set.copyOf(tables);
  }
}
