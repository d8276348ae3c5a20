package dev.tenantpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.boards.FeatureAdoptionDashboard;
import dev.tenantpulse.dashboards.boards.TenantActivityDashboard;
import dev.tenantpulse.dashboards.boards.TenantDashboard;
import dev.tenantpulse.dashboards.boards.UsageBillingDashboard;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.Json;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedActiveHour;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
 * Every panel, annotation and variable query of the dashboards, run on chDB over the tables the
 * pipeline would write for a generated scenario (the oracle's rows for {@code
 * ScenarioConfig.small}: 300 tenants, 40 days, an outage on day 30, late events). Re-emitted rows
 * with wrong values sit beside the right ones until a merge, so a query that forgets {@code FINAL}
 * reads wrong numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelQueriesOnScenarioTests {

  private static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();
  private static final ScenarioConfig CONFIG = ScenarioConfig.small(20_261_127L);

  private Connection connection;
  private String database;
  private ExpectedMetrics expected;
  private String tenant;
  private final List<Dashboard> dashboards = Boards.all(CATALOG);

  @BeforeAll
  void fillTablesFromTheScenario() throws Exception {
    Scenario scenario = ScenarioGenerator.generate(CONFIG, CATALOG);
    expected = MetricOracle.compute(scenario.arrivals(), OracleOptions.streaming());
    tenant = DrillDownTenant.of(expected);
    connection = TestEngine.connect();
    database = TestEngine.freshDatabase("dashboards_scenario");
    ClickHouseMigrations.forDatabase(database).migrate(connection);
    new OracleTables(connection, database, CONFIG.end().plus(Duration.ofHours(2)))
        .insert(expected, true);
  }

  @AfterAll
  void close() throws Exception {
    connection.close();
  }

  @TestFactory
  Stream<DynamicTest> everyQueryReturnsItsColumnsAndTypes() {
    return dashboards.stream()
        .flatMap(
            dashboard ->
                PanelQuery.of(List.of(dashboard)).stream()
                    .map(
                        query ->
                            DynamicTest.dynamicTest(
                                query.toString(),
                                () ->
                                    PanelQueryCheck.runAndCheck(
                                        connection,
                                        query,
                                        context(dashboard),
                                        database,
                                        rowsOnTheScenario(query)))));
  }

  /**
   * Every query has rows on the scenario but those over the billing exporter's table: the scenario
   * runs no export, so they must answer with no row (the panels then say the export is off).
   */
  private static boolean rowsOnTheScenario(PanelQuery query) {
    return !OracleTables.readsATableLeftEmpty(query.target().rawSql());
  }

  /** Grafana pastes one selected value differently from several: both must be valid SQL. */
  @TestFactory
  Stream<DynamicTest> planFilteredQueriesRunWithOnePlanSelected() {
    String plan = CATALOG.planIds().get(1);
    return dashboards.stream()
        .flatMap(
            dashboard -> {
              Map<String, List<String>> selection = new HashMap<>(Selections.defaults(dashboard));
              selection.computeIfPresent("plan", (k, v) -> List.of(plan));
              QueryContext context = context(dashboard).withVariables(selection);
              return PanelQuery.of(List.of(dashboard)).stream()
                  .filter(q -> q.target().rawSql().contains("${plan"))
                  .map(
                      q ->
                          DynamicTest.dynamicTest(
                              q + " [plan=" + plan + "]",
                              () ->
                                  PanelQueryCheck.runAndCheck(
                                      connection, q, context, database, rowsOnTheScenario(q))));
            });
  }

  @Test
  void activityPanelReadsTheNewestVersionOfEachHour() throws Exception {
    List<List<Object>> rows = run(TenantActivityDashboard.UID, "Active tenants (24 h) vs weekly");
    List<ExpectedActiveHour> hours = expected.activeHours();
    assertThat(rows).hasSize(hours.size());
    for (int i = 0; i < hours.size(); i++) {
      ExpectedActiveHour hour = hours.get(i);
      assertThat(instant(rows.get(i).get(0))).isEqualTo(hour.windowEnd());
      assertThat(((Number) rows.get(i).get(1)).longValue())
          .as("active_24h at %s", hour.windowEnd())
          .isEqualTo(hour.active24h());
    }
  }

  @Test
  void dropAnnotationMarksTheScenarioOutage() throws Exception {
    List<List<Object>> regions = run(TenantActivityDashboard.UID, "annotation");
    Instant outage = CONFIG.outageStart();
    // The silent day leaves the 24 h windows ending in (outage, outage + 48 h) short of tenants.
    assertThat(regions)
        .anySatisfy(
            region -> {
              assertThat(instant(region.get(0))).isBetween(outage, outage.plus(Duration.ofDays(2)));
              assertThat((String) region.get(3)).contains("below the weekly average");
            });
  }

  @Test
  void lateEventsStatCountsTheScenarioLateEvents() throws Exception {
    List<List<Object>> rows = run(TenantActivityDashboard.UID, "Late events");
    assertThat(((Number) rows.get(0).get(0)).longValue())
        .isEqualTo(expected.lateEventRows().size())
        .isPositive();
  }

  @Test
  void adoptionBoardReportsFeaturesTheCatalogLacks() throws Exception {
    List<String> uncataloged =
        expected.featureAdoption().stream()
            .filter(r -> !r.inCatalog())
            .map(r -> r.feature())
            .distinct()
            .toList();
    assertThat(uncataloged).as("the scenario reports a feature the catalog lacks").isNotEmpty();
    List<List<Object>> rows = run(FeatureAdoptionDashboard.UID, "Features used but not");
    assertThat(rows)
        .extracting(r -> (String) r.get(0))
        .containsExactlyInAnyOrderElementsOf(uncataloged);
    List<List<Object>> choices = run(FeatureAdoptionDashboard.UID, "variable feature");
    assertThat(choices)
        .extracting(r -> (String) r.get(0))
        .startsWith(CATALOG.featureIds().toArray(String[]::new))
        .containsAll(uncataloged)
        .hasSize(CATALOG.featureIds().size() + uncataloged.size());
  }

  @Test
  void adoptionStatEqualsTheOraclesRatioOfTheNewestDay() throws Exception {
    List<List<Object>> rows = run(FeatureAdoptionDashboard.UID, "Tenants using");
    var newestDay =
        expected.featureAdoption().stream()
            .map(r -> r.day())
            .max(LocalDate::compareTo)
            .orElseThrow();
    String plan = CATALOG.planIds().get(1);
    Double oracle =
        expected.featureAdoption().stream()
            .filter(r -> r.day().equals(newestDay) && r.plan().equals(plan))
            .filter(r -> r.feature().equals("sso"))
            .findFirst()
            .orElseThrow()
            .adoptionRatio();
    Object panel =
        rows.stream()
            .filter(
                r -> instant(r.get(0)).equals(newestDay.atStartOfDay(ZoneOffset.UTC).toInstant()))
            .filter(r -> r.get(1).equals(plan))
            .findFirst()
            .orElseThrow()
            .get(2);
    assertThat(((Number) panel).doubleValue()).isCloseTo(oracle, within(1e-9));
  }

  @Test
  void usagePanelSumsEachDaysUsageUnderThePlanAtTheEndOfTheDay() throws Exception {
    Map<String, Double> oracle = new HashMap<>();
    expected
        .usageDaysByPlan()
        .forEach(
            u ->
                oracle.merge(
                    u.day() + "/" + u.plan() + "/" + u.meter(), u.quantity(), Double::sum));
    Map<String, Double> panel = new HashMap<>();
    for (List<Object> row : run(UsageBillingDashboard.UID, "Usage per day")) {
      LocalDate day = LocalDate.ofInstant(instant(row.get(0)), ZoneOffset.UTC);
      panel.merge(
          day + "/" + row.get(2) + "/" + row.get(1),
          ((Number) row.get(3)).doubleValue(),
          Double::sum);
    }
    assertThat(panel.keySet()).isEqualTo(oracle.keySet());
    oracle.forEach(
        (key, sum) -> assertThat(panel.get(key)).as(key).isCloseTo(sum, within(sum * 1e-9)));
  }

  @Test
  void topTenantsAreTheOraclesHeaviestUsers() throws Exception {
    Map<String, Double> byTenantMeter = new HashMap<>();
    expected
        .usageDays()
        .forEach(
            u -> byTenantMeter.merge(u.tenantId() + "/" + u.meter(), u.quantity(), Double::sum));
    double heaviest =
        byTenantMeter.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    List<List<Object>> rows = run(UsageBillingDashboard.UID, "Top tenants");
    assertThat(rows).hasSize(Math.min(20, byTenantMeter.size()));
    List<Object> top = rows.get(0);
    assertThat(byTenantMeter.get(top.get(0) + "/" + top.get(3))).isCloseTo(heaviest, within(1e-6));
    assertThat(((Number) top.get(4)).doubleValue()).isCloseTo(heaviest, within(1e-6));
  }

  @Test
  void silentTenantsAreTheOraclesTenantsThatWentQuietAndLinkToTheTenantBoard() throws Exception {
    Instant quietSince = CONFIG.end().minus(Duration.ofHours(24));
    Map<String, Instant> lastActivity = new HashMap<>();
    expected.events().stream()
        .filter(e -> EventType.fromWire(e.type()).orElseThrow().isActivity())
        .filter(
            e -> !e.eventTime().isBefore(CONFIG.start()) && !e.eventTime().isAfter(CONFIG.end()))
        .forEach(
            e -> lastActivity.merge(e.tenantId(), e.eventTime(), (a, b) -> a.isAfter(b) ? a : b));
    Map<String, Boolean> churned = new HashMap<>();
    expected.tenants().forEach(t -> churned.put(t.tenantId(), t.churnedAt() != null));
    List<String> oracle =
        lastActivity.entrySet().stream()
            .filter(e -> e.getValue().isBefore(quietSince))
            .filter(e -> !churned.getOrDefault(e.getKey(), false))
            .sorted(
                Map.Entry.<String, Instant>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(50)
            .map(e -> e.getKey() + " " + e.getValue())
            .toList();
    assertThat(oracle).as("the scenario has tenants that went quiet").isNotEmpty();
    List<String> panel =
        run(TenantActivityDashboard.UID, "Silent tenants").stream()
            .map(r -> r.get(0) + " " + instant(r.get(2)))
            .toList();
    assertThat(panel).isEqualTo(oracle);
    for (String uid : List.of(TenantActivityDashboard.UID, UsageBillingDashboard.UID)) {
      String json =
          Json.write(
              dashboards.stream().filter(d -> d.uid().equals(uid)).findFirst().get().toJson());
      assertThat(json)
          .as("%s links tenant ids to the tenant board", uid)
          .contains(
              "\"url\": \"/d/"
                  + TenantDashboard.UID
                  + "?var-tenant=${__value.raw}&${__url_time_range}\"");
    }
  }

  private List<List<Object>> run(String uid, String sourcePrefix) throws Exception {
    Dashboard dashboard =
        dashboards.stream().filter(d -> d.uid().equals(uid)).findFirst().orElseThrow();
    PanelQuery query =
        PanelQuery.of(List.of(dashboard)).stream()
            .filter(
                q ->
                    q.source().startsWith(sourcePrefix)
                        || q.source()
                            .matches(
                                "panel \\d+ \""
                                    + java.util.regex.Pattern.quote(sourcePrefix)
                                    + ".*"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no query " + sourcePrefix + " on " + uid));
    return QueryRows.of(connection, PanelQueryCheck.expand(query, context(dashboard), database));
  }

  /** The board's default selection, with a scenario tenant typed into the tenant text box. */
  private QueryContext context(Dashboard dashboard) {
    Map<String, List<String>> selection = new HashMap<>(Selections.defaults(dashboard));
    selection.computeIfPresent("tenant", (k, v) -> List.of(tenant));
    return QueryContext.of(CONFIG.start(), CONFIG.end(), selection);
  }

  private static Instant instant(Object value) {
    return switch (value) {
      case Instant i -> i;
      case OffsetDateTime o -> o.toInstant();
      case ZonedDateTime z -> z.toInstant();
      case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
      case Timestamp t -> t.toInstant();
      default -> throw new AssertionError("not a time: " + value.getClass() + " " + value);
    };
  }
}
