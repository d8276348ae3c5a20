package dev.tenantpulse.scenario;

import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;

/** The small scenario of seed 42 and its streaming oracle, built once per test JVM. */
public final class SmallScenario {

  public static final long SEED = 42;

  private static Scenario scenario;
  private static ExpectedMetrics streaming;

  private SmallScenario() {}

  public static synchronized Scenario get() {
    if (scenario == null) {
      scenario = ScenarioGenerator.generate(ScenarioConfig.small(SEED));
    }
    return scenario;
  }

  public static synchronized ExpectedMetrics streaming() {
    if (streaming == null) {
      streaming = MetricOracle.compute(get().arrivals(), OracleOptions.streaming());
    }
    return streaming;
  }
}
