package dev.tenantpulse.standalone.console.web;

import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Users;
import dev.tenantpulse.dashboards.OracleTables;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.standalone.support.RunningRuntime;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

/**
 * The test runtime with what the pages need: the small scenario's oracle rows in the database the
 * built-in boards read in tests ({@link RunningRuntime#BOARDS_DATABASE}), and one user per role.
 * Filled once per test JVM.
 */
final class BoardPagesData {

  static final ScenarioConfig CONFIG = ScenarioConfig.small(20_261_127L);
  static final String ADMIN = "web-admin";
  static final String ANALYST = "web-analyst";
  static final String VIEWER = "web-viewer";
  static final String PASSWORD = "correct horse battery staple";

  private static boolean filled;

  private BoardPagesData() {}

  /** The console's base URL, with the scenario's rows and the users in place. */
  static synchronized String console() throws Exception {
    RunningRuntime runtime = RunningRuntime.get();
    if (!filled) {
      Scenario scenario = ScenarioGenerator.generate(CONFIG, PlanCatalog.defaultCatalog());
      String database = RunningRuntime.BOARDS_DATABASE;
      try (Connection c = DriverManager.getConnection(runtime.warehouseUrl());
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
        ClickHouseMigrations.forDatabase(database).migrate(c);
        new OracleTables(c, database, CONFIG.end().plus(Duration.ofHours(2)))
            .insert(MetricOracle.compute(scenario.arrivals(), OracleOptions.streaming()), true);
      }
      Users users = new Users(new FileUserStore(RunningRuntime.dataDir().resolve("users.json")));
      for (String[] user :
          new String[][] {{ADMIN, "admin"}, {ANALYST, "analyst"}, {VIEWER, "viewer"}}) {
        if (users.list().stream().noneMatch(u -> u.name().equals(user[0]))) {
          users.create(user[0], user[1], PASSWORD);
        }
      }
      filled = true;
    }
    return runtime.endpoints().console();
  }

  /** The scenario's whole span as an absolute range of the pages' URLs. */
  static String range() {
    return range(CONFIG.start(), CONFIG.end());
  }

  static String range(Instant from, Instant to) {
    return "from=" + from.toEpochMilli() + "&to=" + to.toEpochMilli();
  }
}
