package dev.tenantpulse.flink.testing;

import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import java.nio.charset.StandardCharsets;

/**
 * The small scenario (seed 7), generated once per test JVM and sent once to a 4-partition topic as
 * the collector would, plus one record that is not an event; the tests that replay it read it each
 * with a consumer group and a database of their own.
 */
public final class SharedScenario {

  private static Scenario scenario;
  private static String topic;
  private static ExpectedMetrics streaming;

  private SharedScenario() {}

  public static synchronized Scenario scenario() {
    if (scenario == null) {
      scenario = ScenarioGenerator.generate(ScenarioConfig.small(7));
    }
    return scenario;
  }

  /** The oracle's rows for the stream (late events not counted). */
  public static synchronized ExpectedMetrics streaming() {
    if (streaming == null) {
      streaming = MetricOracle.compute(scenario().arrivals(), OracleOptions.streaming());
    }
    return streaming;
  }

  public static synchronized String topic() {
    if (topic == null) {
      String t = TestKafka.freshTopic("scenario", 4);
      TestKafka.send(t, scenario().arrivals());
      // Another producer's record in the middle of the topic: skipped and counted, not fatal.
      TestKafka.sendRaw(t, "acme", "not an event".getBytes(StandardCharsets.UTF_8), 0);
      topic = t;
    }
    return topic;
  }
}
