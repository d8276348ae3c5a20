package dev.tenantpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.boards.TenantDashboard;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedEvent;
import dev.tenantpulse.scenario.oracle.ExpectedFeatureAdoption;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.ExpectedOnboardingTenant;
import dev.tenantpulse.scenario.oracle.ExpectedTenant;
import dev.tenantpulse.scenario.oracle.ExpectedUsageDay;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.Plan;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.catalog.Price;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tenant board's numbers, tenant by tenant, against the oracle of the small scenario: the
 * panels' SQL on chDB over the tables the pipeline would write, compared with what the oracle
 * computes from the events without any SQL. Every scenario tenant is checked, not one picked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantDrillDownTests {

  private static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();
  private static final ScenarioConfig CONFIG = ScenarioConfig.small(20_261_127L);

  private final Dashboard board =
      Boards.all(CATALOG).stream()
          .filter(d -> d.uid().equals(TenantDashboard.UID))
          .findFirst()
          .orElseThrow();

  private Connection connection;
  private String database;
  private ExpectedMetrics expected;

  @BeforeAll
  void fillTablesFromTheScenario() throws Exception {
    Scenario scenario = ScenarioGenerator.generate(CONFIG, CATALOG);
    expected = MetricOracle.compute(scenario.arrivals(), OracleOptions.streaming());
    connection = TestEngine.connect();
    database = TestEngine.freshDatabase("dashboards_tenant");
    ClickHouseMigrations.forDatabase(database).migrate(connection);
    new OracleTables(connection, database, CONFIG.end().plus(Duration.ofHours(2)))
        .insert(expected, true);
  }

  @AfterAll
  void close() throws Exception {
    connection.close();
  }

  @Test
  void opensEmptyAndEveryPanelThenShowsNoDataRatherThanFailing() throws Exception {
    assertThat(Selections.defaults(board)).containsEntry("tenant", List.of(""));
    for (PanelQuery query : PanelQuery.of(List.of(board))) {
      String sql =
          PanelQueryCheck.expand(
              query,
              QueryContext.of(CONFIG.start(), CONFIG.end(), Selections.defaults(board)),
              database);
      assertThat(QueryRows.of(connection, sql)).as(query.toString()).isEmpty();
    }
  }

  @Test
  void usageAndItsChargePerMeterAndDayAreTheOraclesAtTheCatalogPrice() throws Exception {
    Map<String, ExpectedTenant> tenants = tenantsById();
    Map<String, List<ExpectedUsageDay>> usage =
        inRange(expected.usageDays()).stream()
            .collect(Collectors.groupingBy(ExpectedUsageDay::tenantId));
    assertThat(usage).hasSizeGreaterThan(50);
    int charged = 0;
    for (var entry : usage.entrySet()) {
      ExpectedTenant tenant = tenants.get(entry.getKey());
      String plan = tenant == null ? PlanCatalog.UNKNOWN_PLAN : tenant.plan();
      boolean byUsage = tenant != null && "usage".equals(tenant.billingModel());
      Map<String, Double> oracle = new TreeMap<>();
      entry.getValue().forEach(u -> oracle.put(u.day() + "/" + u.meter(), u.quantity()));
      Map<String, Double> panel = new TreeMap<>();
      for (List<Object> row : run("Usage and charge per day", entry.getKey())) {
        String key = day(row.get(0)) + "/" + row.get(1);
        double quantity = ((Number) row.get(2)).doubleValue();
        panel.put(key, quantity);
        Double price = usagePrice(plan, (String) row.get(1));
        assertThat(row.get(3) == null ? null : ((Number) row.get(3)).doubleValue())
            .as("%s %s unit price", entry.getKey(), key)
            .isEqualTo(price);
        if (byUsage) {
          double charge = quantity * (price == null ? 0 : price);
          assertThat(((Number) row.get(4)).doubleValue())
              .as("%s %s charge", entry.getKey(), key)
              .isCloseTo(charge, within(1e-9 + charge * 1e-12));
          charged += price == null ? 0 : 1;
        } else {
          assertThat(row.get(4)).as("%s %s: not billed by usage", entry.getKey(), key).isNull();
        }
      }
      assertThat(panel.keySet()).as(entry.getKey()).isEqualTo(oracle.keySet());
      oracle.forEach(
          (key, q) -> assertThat(panel.get(key)).as(key).isCloseTo(q, within(q * 1e-12)));
    }
    assertThat(charged).as("usage-billed rows with a price").isPositive();
  }

  @Test
  void onboardingStepsAreTheOraclesFirstTimesWithTheNextStep() throws Exception {
    List<String> steps = CATALOG.onboardingSteps();
    int withNext = 0;
    for (ExpectedOnboardingTenant t : expected.onboardingTenants()) {
      List<List<Object>> rows = run("Onboarding steps", t.tenantId());
      assertThat(rows).extracting(r -> (String) r.get(0)).containsExactlyElementsOf(steps);
      String next =
          steps.stream().filter(s -> !t.stepFirstAt().containsKey(s)).findFirst().orElse(null);
      withNext += next == null ? 0 : 1;
      for (List<Object> row : rows) {
        String step = (String) row.get(0);
        Instant at = t.stepFirstAt().get(step);
        String status = at != null ? "done" : step.equals(next) ? "next" : "to do";
        assertThat(row.get(1)).as("%s %s", t.tenantId(), step).isEqualTo(status);
        if (at == null) {
          assertThat(row.get(2)).isNull();
          assertThat(row.get(3)).isNull();
        } else {
          assertThat(instant(row.get(2))).as("%s %s", t.tenantId(), step).isEqualTo(at);
          assertThat(((Number) row.get(3)).longValue())
              .as("%s %s seconds after signup", t.tenantId(), step)
              .isEqualTo(Math.floorDiv(at.toEpochMilli() - t.signedUpAt().toEpochMilli(), 1000L));
        }
      }
    }
    assertThat(withNext).as("tenants still onboarding").isPositive();
    assertThat(run("Onboarding steps", "no-such-tenant")).isEmpty();
  }

  @Test
  void featuresUsedAreTheOraclesEventsAgainstTheCatalogFeaturesOfThePlan() throws Exception {
    Map<String, ExpectedTenant> tenants = tenantsById();
    LocalDate newestAdoptionDay =
        inRangeDays(expected.featureAdoption(), ExpectedFeatureAdoption::day).stream()
            .map(ExpectedFeatureAdoption::day)
            .max(LocalDate::compareTo)
            .orElseThrow();
    Map<String, Map<String, Long>> usesByTenant =
        inRange(expected.events()).stream()
            .filter(e -> e.type().equals(EventType.FEATURE_USED.wireName()))
            .collect(
                Collectors.groupingBy(
                    ExpectedEvent::tenantId,
                    Collectors.groupingBy(ExpectedEvent::feature, Collectors.counting())));
    Set<String> statuses = new TreeSet<>();
    for (String tenantId : allTenantIds()) {
      ExpectedTenant tenant = tenants.get(tenantId);
      String plan = tenant == null ? PlanCatalog.UNKNOWN_PLAN : tenant.plan();
      List<String> planFeatures = CATALOG.plan(plan).map(Plan::features).orElse(List.of());
      Map<String, Long> uses = usesByTenant.getOrDefault(tenantId, Map.of());
      Map<String, String> oracle = new TreeMap<>();
      planFeatures.forEach(
          f -> oracle.put(f, (uses.containsKey(f) ? "used" : "not used") + " " + uses.get(f)));
      uses.forEach((f, n) -> oracle.putIfAbsent(f, "used, not in plan " + n));
      Map<String, String> panel = new TreeMap<>();
      for (List<Object> row : run("Features used vs its plan", tenantId)) {
        long n = ((Number) row.get(2)).longValue();
        panel.put((String) row.get(0), row.get(1) + " " + (n == 0 ? null : n));
        statuses.add((String) row.get(1));
        Double ratio = adoption(newestAdoptionDay, plan, (String) row.get(0));
        assertThat(row.get(4) == null ? null : ((Number) row.get(4)).doubleValue())
            .as("%s %s plan adoption", tenantId, row.get(0))
            .isEqualTo(ratio);
      }
      assertThat(panel).as(tenantId).isEqualTo(oracle);
    }
    assertThat(statuses).contains("used", "not used");
  }

  @Test
  void planHistoryIsEveryLifecycleEventWithThePlanBeforeIt() throws Exception {
    Map<String, List<ExpectedEvent>> lifecycle =
        expected.events().stream()
            .filter(e -> EventType.fromWire(e.type()).orElseThrow().isTenantLifecycle())
            .collect(Collectors.groupingBy(ExpectedEvent::tenantId));
    int changes = 0;
    for (String tenantId : allTenantIds()) {
      List<ExpectedEvent> events = new ArrayList<>(lifecycle.getOrDefault(tenantId, List.of()));
      events.sort(
          Comparator.comparing(ExpectedEvent::eventTime).thenComparing(ExpectedEvent::eventId));
      List<String> oracle = new ArrayList<>();
      String previous = null;
      for (ExpectedEvent e : events) {
        oracle.add(e.eventTime() + " " + e.type() + " " + previous + " -> " + e.plan());
        previous = e.plan() == null ? previous : e.plan();
        changes += e.type().equals("plan_changed") ? 1 : 0;
      }
      List<String> panel = new ArrayList<>();
      for (List<Object> row : run("Plan history", tenantId)) {
        panel.add(instant(row.get(0)) + " " + row.get(1) + " " + row.get(2) + " -> " + row.get(3));
      }
      assertThat(panel).as(tenantId).isEqualTo(oracle);
    }
    assertThat(changes).isPositive();
  }

  @Test
  void activeHoursAreTheDistinctHoursOfTheOraclesActivityEvents() throws Exception {
    Map<String, Map<LocalDate, Set<Instant>>> hours = new HashMap<>();
    inRange(expected.events()).stream()
        .filter(e -> EventType.fromWire(e.type()).orElseThrow().isActivity())
        .forEach(
            e ->
                hours
                    .computeIfAbsent(e.tenantId(), k -> new TreeMap<>())
                    .computeIfAbsent(
                        LocalDate.ofInstant(e.eventTime(), ZoneOffset.UTC), k -> new TreeSet<>())
                    .add(e.eventTime().truncatedTo(ChronoUnit.HOURS)));
    for (String tenantId : allTenantIds()) {
      Map<LocalDate, Integer> oracle = new TreeMap<>();
      hours.getOrDefault(tenantId, Map.of()).forEach((d, h) -> oracle.put(d, h.size()));
      Map<LocalDate, Integer> panel = new LinkedHashMap<>();
      for (List<Object> row : run("Active hours per day", tenantId)) {
        panel.put(
            LocalDate.ofInstant(instant(row.get(0)), ZoneOffset.UTC),
            ((Number) row.get(1)).intValue());
      }
      assertThat(panel).as(tenantId).isEqualTo(oracle);
    }
  }

  private List<List<Object>> run(String title, String tenant) throws Exception {
    PanelQuery query =
        PanelQuery.of(List.of(board)).stream()
            .filter(q -> q.source().matches("panel \\d+ \"" + Pattern.quote(title) + "\""))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no panel " + title));
    Map<String, List<String>> selection = new HashMap<>(Selections.defaults(board));
    selection.put("tenant", List.of(tenant));
    QueryContext context = QueryContext.of(CONFIG.start(), CONFIG.end(), selection);
    return QueryRows.of(connection, PanelQueryCheck.expand(query, context, database));
  }

  private Map<String, ExpectedTenant> tenantsById() {
    return expected.tenants().stream().collect(Collectors.toMap(ExpectedTenant::tenantId, t -> t));
  }

  /** Every tenant with an event, signed up or not. */
  private Set<String> allTenantIds() {
    return expected.events().stream()
        .map(ExpectedEvent::tenantId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Double usagePrice(String plan, String meter) {
    return CATALOG
        .plan(plan)
        .map(p -> p.price(BillingModel.USAGE))
        .filter(p -> p.meter().equals(meter))
        .map(Price::amount)
        .map(a -> a.doubleValue())
        .orElse(null);
  }

  private Double adoption(LocalDate day, String plan, String feature) {
    return expected.featureAdoption().stream()
        .filter(r -> r.day().equals(day) && r.plan().equals(plan) && r.feature().equals(feature))
        .map(ExpectedFeatureAdoption::adoptionRatio)
        .findFirst()
        .orElse(null);
  }

  /** Events in [start, end], as {@code $__timeFilter} reads them. */
  private static List<ExpectedEvent> inRange(List<ExpectedEvent> events) {
    return events.stream()
        .filter(
            e -> !e.eventTime().isBefore(CONFIG.start()) && !e.eventTime().isAfter(CONFIG.end()))
        .toList();
  }

  private static List<ExpectedUsageDay> inRange(Iterable<ExpectedUsageDay> rows) {
    List<ExpectedUsageDay> kept = new ArrayList<>();
    rows.forEach(
        u -> {
          if (inDateRange(u.day())) {
            kept.add(u);
          }
        });
    return kept;
  }

  private static <T> List<T> inRangeDays(List<T> rows, Function<T, LocalDate> day) {
    return rows.stream().filter(r -> inDateRange(day.apply(r))).toList();
  }

  /** [start date, end date], as {@code $__dateFilter} reads days. */
  private static boolean inDateRange(LocalDate day) {
    return !day.isBefore(LocalDate.ofInstant(CONFIG.start(), ZoneOffset.UTC))
        && !day.isAfter(LocalDate.ofInstant(CONFIG.end(), ZoneOffset.UTC));
  }

  private static LocalDate day(Object value) {
    return switch (value) {
      case LocalDate d -> d;
      case java.sql.Date d -> d.toLocalDate();
      default -> LocalDate.ofInstant(instant(value), ZoneOffset.UTC);
    };
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
