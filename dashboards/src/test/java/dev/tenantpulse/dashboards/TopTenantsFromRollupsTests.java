package dev.tenantpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.boards.UsageBillingDashboard;
import dev.tenantpulse.dashboards.macros.PanelSql;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Top tenants by usage" reads whole months from {@code usage_monthly} and the days around them
 * from {@code usage_daily}: for any range it must give what it gave when it summed {@code
 * usage_daily} alone. Both queries run on the oracle's rows of a 100-day scenario (2026-01-05 ..
 * 2026-04-15, so February and March are whole months), re-emitted rows not merged, for ranges that
 * start and end mid-month, on a month's first or last day, inside one month, and over whole months
 * only; with the panel's LIMIT and with every (tenant, meter) of the range.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopTenantsFromRollupsTests {

  private static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();
  private static final ScenarioConfig CONFIG =
      ScenarioConfig.small(20_261_206L).withTenants(120).withDays(100);

  /** The panel as it was before the rollups (its charge column left out: a function of these). */
  private static final String DAILY_ONLY =
      """
      WITH (SELECT (groupArray(tenant_id), groupArray(plan), groupArray(ifNull(billing_model, '')))
              FROM tenant_pulse.tenants FINAL) AS t,
          transform(tenant_id, t.1, t.2, 'unknown') AS plan,
          transform(tenant_id, t.1, t.3, '') AS billing_model
      SELECT tenant_id, plan, billing_model, meter, total_quantity
      FROM (
          SELECT any(tid) AS tenant_id, any(m) AS meter, sum(quantity) AS total_quantity
          FROM (
              SELECT tenant_id AS tid, meter AS m, quantity
              FROM tenant_pulse.usage_daily FINAL
              WHERE $__dateFilter(day)
          )
          GROUP BY cityHash64(tid), cityHash64(m)
      )
      WHERE plan IN (${plan:singlequote})
      ORDER BY total_quantity DESC, tenant_id, meter
      LIMIT 20""";

  private Connection connection;
  private String database;
  private Dashboard board;
  private String panelSql;

  @BeforeAll
  void fillTablesFromTheScenario() throws Exception {
    Scenario scenario = ScenarioGenerator.generate(CONFIG, CATALOG);
    ExpectedMetrics expected = MetricOracle.compute(scenario.arrivals(), OracleOptions.streaming());
    connection = TestEngine.connect();
    database = TestEngine.freshDatabase("top_tenants_rollups");
    ClickHouseMigrations.forDatabase(database).migrate(connection);
    new OracleTables(connection, database, CONFIG.end().plus(Duration.ofHours(2)))
        .insert(expected, true);
    board =
        Boards.all(CATALOG).stream()
            .filter(d -> d.uid().equals(UsageBillingDashboard.UID))
            .findFirst()
            .orElseThrow();
    panelSql =
        PanelQuery.of(List.of(board)).stream()
            .filter(q -> q.source().contains("\"Top tenants by usage\""))
            .findFirst()
            .orElseThrow()
            .target()
            .rawSql();
    assertThat(panelSql).contains("usage_monthly");
  }

  @AfterAll
  void close() throws Exception {
    connection.close();
  }

  static Stream<List<String>> ranges() {
    return Stream.of(
        List.of("2026-01-05T00:00:00Z", "2026-04-15T00:00:00Z"), // mid .. mid, 2 whole months
        List.of("2026-02-01T00:00:00Z", "2026-03-31T23:59:59Z"), // exactly Feb + Mar
        List.of("2026-02-10T08:00:00Z", "2026-02-20T17:30:00Z"), // inside one month
        List.of("2026-01-20T13:00:00Z", "2026-03-01T05:00:00Z"), // ends on a month's first day
        List.of("2026-01-31T23:00:00Z", "2026-02-28T23:59:59Z"), // starts on a month's last day
        List.of("2026-02-15T00:00:00Z", "2026-03-31T08:00:00Z"), // ends on a month's last day
        List.of("2026-03-16T10:00:00Z", "2026-04-15T10:00:00Z"), // last 30 days
        List.of("2026-01-28T00:00:00Z", "2026-02-03T00:00:00Z"), // across one month boundary
        List.of("2025-10-01T00:00:00Z", "2026-12-31T23:59:59Z")); // beyond the data both ways
  }

  @ParameterizedTest
  @MethodSource("ranges")
  void givesTheSumsOfUsageDailyForAnyRange(List<String> range) throws Exception {
    QueryContext context =
        QueryContext.of(
            Instant.parse(range.get(0)), Instant.parse(range.get(1)), Selections.defaults(board));
    List<List<Object>> before = rows(DAILY_ONLY, context);
    List<List<Object>> now = rows(panelSql, context);
    assertThat(before).as("the range has usage").isNotEmpty();
    assertSame(now, before);
    // every (tenant, meter) of the range, not only the 20 heaviest
    List<List<Object>> allBefore = rows(DAILY_ONLY.replace("LIMIT 20", "LIMIT 100000"), context);
    List<List<Object>> allNow = rows(panelSql.replace("LIMIT 20", "LIMIT 100000"), context);
    assertThat(allBefore).hasSizeGreaterThan(20);
    assertSame(allNow, allBefore);
  }

  private List<List<Object>> rows(String sql, QueryContext context) throws Exception {
    String expanded =
        PanelSql.expand(sql, context).replaceAll("\\btenant_pulse\\.", database + ".");
    return QueryRows.of(connection, expanded);
  }

  /** Same tenants, plans, billing models and meters in the same order; sums within 1e-9. */
  private static void assertSame(List<List<Object>> now, List<List<Object>> before) {
    assertThat(now).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      List<Object> b = before.get(i);
      List<Object> n = now.get(i);
      assertThat(n.subList(0, 4)).as("row %d", i).isEqualTo(b.subList(0, 4));
      double expected = ((Number) b.get(4)).doubleValue();
      assertThat(((Number) n.get(4)).doubleValue())
          .as("row %d %s", i, b)
          .isCloseTo(expected, within(Math.abs(expected) * 1e-9));
    }
  }
}
