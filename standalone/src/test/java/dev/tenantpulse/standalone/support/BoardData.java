package dev.tenantpulse.standalone.support;

import dev.tenantpulse.dashboards.DrillDownTenant;
import dev.tenantpulse.dashboards.OracleTables;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * The database the console's built-in boards read in tests ({@link
 * RunningRuntime#BOARDS_DATABASE}), filled once per JVM with the small scenario's oracle rows, as
 * the pipeline would have written them. Pages are opened on {@link #FROM}–{@link #TO}, the
 * scenario's last 30 days.
 */
public final class BoardData {

  public static final ScenarioConfig CONFIG = ScenarioConfig.small(20_261_206L);

  /** When the rows were "written": two hours after the scenario's end, every hour closed. */
  public static final Instant NOW = CONFIG.end().plus(Duration.ofHours(2));

  public static final Instant TO = CONFIG.end();
  public static final Instant FROM = TO.minus(Duration.ofDays(30));

  private static Scenario scenario;
  private static String tenant;

  private BoardData() {}

  /** The scenario behind the rows, after filling them on first use. */
  public static synchronized Scenario ensure() {
    if (scenario == null) {
      RunningRuntime runtime = TestAccounts.ensure();
      Scenario generated = ScenarioGenerator.generate(CONFIG, PlanCatalog.defaultCatalog());
      try (Connection c = DriverManager.getConnection(runtime.warehouseUrl());
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + RunningRuntime.BOARDS_DATABASE);
        ClickHouseMigrations.forDatabase(RunningRuntime.BOARDS_DATABASE).migrate(c);
        ExpectedMetrics expected =
            MetricOracle.compute(generated.arrivals(), OracleOptions.streaming());
        new OracleTables(c, RunningRuntime.BOARDS_DATABASE, NOW).insert(expected, true);
        tenant = DrillDownTenant.of(expected);
      } catch (Exception e) {
        throw new IllegalStateException("could not fill the boards' database", e);
      }
      scenario = generated;
    }
    return scenario;
  }

  /**
   * A tenant of the scenario for which every panel of the tenant board has rows (the board opens
   * empty).
   */
  public static synchronized String tenant() {
    ensure();
    return tenant;
  }

  /** {@code from=…&to=…} in epoch milliseconds, as the pages put the range in their URLs. */
  public static String range() {
    return "from=" + FROM.toEpochMilli() + "&to=" + TO.toEpochMilli();
  }
}
