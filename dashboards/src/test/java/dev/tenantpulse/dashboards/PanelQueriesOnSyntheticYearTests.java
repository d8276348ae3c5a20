package dev.tenantpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.dashboards.bench.SyntheticMetrics;
import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The benchmark's synthetic tables (bin/bench-dashboards), small: every panel query returns rows of
 * the expected shape on them, so the benchmark times queries that do real work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelQueriesOnSyntheticYearTests {

  private static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();
  private static final SyntheticMetrics.Shape SHAPE =
      new SyntheticMetrics.Shape(300, 40, 20_000, Instant.parse("2026-01-01T00:00:00Z"), 10);

  private Connection connection;
  private String database;
  private String tenant;

  @BeforeAll
  void fillTables() throws Exception {
    connection = TestEngine.connect();
    database = TestEngine.freshDatabase("dashboards_synthetic");
    ClickHouseMigrations.forDatabase(database).migrate(connection);
    SyntheticMetrics metrics = new SyntheticMetrics(CATALOG, SHAPE, database);
    metrics.fill(connection);
    tenant = metrics.drillDownTenant(connection);
  }

  @AfterAll
  void close() throws Exception {
    connection.close();
  }

  @TestFactory
  Stream<DynamicTest> everyPanelQueryReturnsItsColumnsOnTheBenchmarkData() {
    return Boards.all(CATALOG).stream()
        .flatMap(
            dashboard ->
                PanelQuery.of(List.of(dashboard)).stream()
                    .map(
                        query ->
                            DynamicTest.dynamicTest(
                                query.toString(),
                                () ->
                                    PanelQueryCheck.runAndCheck(
                                        connection, query, context(dashboard), database))));
  }

  @Test
  void reemittedRowsAreCollapsedByFinal() throws Exception {
    long raw = count("SELECT count() FROM " + database + ".usage_daily");
    long latest = count("SELECT count() FROM " + database + ".usage_daily FINAL");
    assertThat(latest).isEqualTo(SHAPE.usageRows(CATALOG));
    assertThat(raw).as("re-emits are stored until merged").isGreaterThan(latest);
  }

  private long count(String sql) throws Exception {
    return QueryResultCount.of(connection, sql);
  }

  /** The board's default selection, with a synthetic tenant typed into the tenant text box. */
  private QueryContext context(Dashboard dashboard) {
    Map<String, List<String>> selection = new HashMap<>(Selections.defaults(dashboard));
    selection.computeIfPresent("tenant", (k, v) -> List.of(tenant));
    return QueryContext.of(SHAPE.start(), SHAPE.end(), selection);
  }
}
