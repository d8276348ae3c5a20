package dev.tenantpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.boards.UsageBillingDashboard;
import dev.tenantpulse.dashboards.macros.PanelSql;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.dashboards.model.Panel;
import dev.tenantpulse.dashboards.model.SqlTarget;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The usage board's billing export panels on chDB over hand-written {@code billing_reconciliation}
 * rows (what the exporter writes; the scenario runs no export): measured, exported and their
 * difference per tenant and meter, the newest version of a re-written hour, the most urgent status
 * and the latest error, the range, the plan filter by each tenant's current plan, and no row at all
 * while the table is empty (the export is off), which the panels show as their {@code noValue}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BillingExportPanelsTests {

  private static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();
  private static final String STARTER = CATALOG.planIds().get(0);
  private static final String PROFESSIONAL = CATALOG.planIds().get(1);
  private static final String ENTERPRISE = CATALOG.planIds().get(2);

  private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-03-02T00:00:00Z");

  private final Dashboard board =
      Boards.all(CATALOG).stream()
          .filter(d -> d.uid().equals(UsageBillingDashboard.UID))
          .findFirst()
          .orElseThrow();

  private Connection connection;
  private String database;
  private String empty;

  @BeforeAll
  void seedTheExportersRows() throws Exception {
    connection = TestEngine.connect();
    database = TestEngine.freshDatabase("billing_panels");
    empty = TestEngine.freshDatabase("billing_panels_off");
    ClickHouseMigrations.forDatabase(database).migrate(connection);
    ClickHouseMigrations.forDatabase(empty).migrate(connection);
    try (Statement s = connection.createStatement()) {
      s.execute(
          ("INSERT INTO %s.tenants (tenant_id, plan, updated_at) VALUES"
                  + " ('t-a', '%s', '2026-03-02 00:00:00'), ('t-b', '%s', '2026-03-02 00:00:00')")
              .formatted(database, STARTER, PROFESSIONAL));
      // t-c has no tenants row: its plan is unknown
      insert(
          s,
          // an hour re-written: the first version (older updated_at) must not count
          row("2026-03-01 12:00:00", "t-a", "api_calls", 99, 0, "owed", null, "01:00:00"));
      insert(
          s,
          row("2026-03-01 10:00:00", "t-a", "api_calls", 100, 100, "exported", null, "02:00:00"),
          row("2026-03-01 11:00:00", "t-a", "api_calls", 50, 0, "owed", null, "02:00:00"),
          row("2026-03-01 12:00:00", "t-a", "api_calls", 30, 30, "exported", null, "02:00:00"),
          row("2026-03-01 10:00:00", "t-a", "storage_gb", 7000, 7000, "exported", null, "02:00:00"),
          // over-billed hour: Stripe has more than was measured
          row("2026-03-01 10:00:00", "t-b", "api_calls", 20, 25, "owed", "timeout", "02:00:00"),
          row("2026-03-01 13:00:00", "t-b", "api_calls", 40, 0, "stopped", "refused", "02:00:00"),
          row("2026-03-01 10:00:00", "t-c", "api_calls", 5, 0, "no_customer", "none", "02:00:00"),
          // outside the range on either side
          row("2026-02-28 23:00:00", "t-a", "api_calls", 1000, 0, "owed", null, "02:00:00"),
          row("2026-03-02 01:00:00", "t-b", "api_calls", 1000, 0, "owed", null, "02:00:00"));
    }
  }

  @AfterAll
  void close() throws Exception {
    connection.close();
  }

  @Test
  void tableShowsMeasuredExportedAndTheirDifferencePerTenantAndMeterProblemsFirst()
      throws Exception {
    assertThat(table(database, all()))
        .containsExactly(
            List.of("t-b", PROFESSIONAL, "api_calls", 60L, 25L, 35L, 2L, "stopped", "refused"),
            List.of("t-c", "unknown", "api_calls", 5L, 0L, 5L, 1L, "no_customer", "none"),
            Arrays.asList("t-a", STARTER, "api_calls", 180L, 130L, 50L, 1L, "owed", null),
            Arrays.asList("t-a", STARTER, "storage_gb", 7000L, 7000L, 0L, 0L, "exported", null));
  }

  @Test
  void statSumsTheDifferencePerBilledMeterAndCountsTheHoursNotExported() throws Exception {
    assertThat(CATALOG.billingMeters()).extracting(m -> m.meter()).contains("api_calls");
    assertThat(stat(database, all()))
        .containsExactly(Map.of("api_calls", 90L, "storage_gb", 0L, "hours_not_exported", 4L));
  }

  @Test
  void thePlanFilterKeepsTheTenantsOfThePlanAndUnknownTheTenantsWithoutOne() throws Exception {
    assertThat(table(database, plans(STARTER)))
        .extracting(r -> r.get(0) + "/" + r.get(2) + "/" + r.get(5))
        .containsExactly("t-a/api_calls/50", "t-a/storage_gb/0");
    assertThat(stat(database, plans(STARTER)))
        .containsExactly(Map.of("api_calls", 50L, "storage_gb", 0L, "hours_not_exported", 1L));
    assertThat(table(database, plans(PROFESSIONAL, "unknown")))
        .extracting(r -> r.get(0) + "/" + r.get(5))
        .containsExactly("t-b/35", "t-c/5");
    assertThat(stat(database, plans(PROFESSIONAL, "unknown")))
        .containsExactly(Map.of("api_calls", 40L, "storage_gb", 0L, "hours_not_exported", 3L));
  }

  @Test
  void noRowWhenTheExportWroteNothingForTheRangeOrThePlans() throws Exception {
    // a plan without billed tenants, and a range before any export
    assertThat(table(database, plans(ENTERPRISE))).isEmpty();
    assertThat(stat(database, plans(ENTERPRISE))).isEmpty();
    QueryContext before =
        QueryContext.of(
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-31T00:00:00Z"),
            Selections.defaults(board));
    assertThat(rows(database, "Measured vs exported", before)).isEmpty();
    assertThat(rows(database, "Measured, not exported", before)).isEmpty();
  }

  @Test
  void exportOffIsAnEmptyResultThePanelsShowAsTheirNoValueText() throws Exception {
    assertThat(table(empty, all())).isEmpty();
    assertThat(stat(empty, all())).isEmpty();
    for (String title : List.of("Measured vs exported", "Measured, not exported")) {
      Panel panel =
          board.panels().stream().filter(p -> p.title().startsWith(title)).findFirst().get();
      assertThat(panel.fieldConfig().noValue()).startsWith("No data").contains("billing export");
    }
  }

  private QueryContext all() {
    return QueryContext.of(FROM, TO, Selections.defaults(board));
  }

  private QueryContext plans(String... plans) {
    Map<String, List<String>> selection = new HashMap<>(Selections.defaults(board));
    selection.put("plan", List.of(plans));
    return QueryContext.of(FROM, TO, selection);
  }

  private List<List<Object>> table(String db, QueryContext context) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : rows(db, "Measured vs exported", context)) {
      List<Object> normalised = new ArrayList<>(row);
      for (int i = 3; i <= 6; i++) {
        normalised.set(i, ((Number) row.get(i)).longValue());
      }
      rows.add(normalised);
    }
    return rows;
  }

  /** The stat's one row (none when the export wrote nothing) by column name. */
  private List<Map<String, Long>> stat(String db, QueryContext context) throws Exception {
    List<String> names =
        board.panels().stream()
            .filter(p -> p.title().startsWith("Measured, not exported"))
            .findFirst()
            .orElseThrow()
            .targets()
            .stream()
            .flatMap(t -> ((SqlTarget) t).expect().stream())
            .map(c -> c.name())
            .toList();
    List<Map<String, Long>> result = new ArrayList<>();
    for (List<Object> row : rows(db, "Measured, not exported", context)) {
      Map<String, Long> byName = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        byName.put(names.get(i), ((Number) row.get(i)).longValue());
      }
      result.add(byName);
    }
    return result;
  }

  private List<List<Object>> rows(String db, String titlePrefix, QueryContext context)
      throws Exception {
    PanelQuery query =
        PanelQuery.of(List.of(board)).stream()
            .filter(q -> q.source().matches("panel \\d+ \"" + titlePrefix + ".*"))
            .findFirst()
            .orElseThrow();
    String sql =
        PanelSql.expand(query.target().rawSql(), context)
            .replaceAll("\\btenant_pulse\\.", db + ".");
    return QueryRows.of(connection, sql);
  }

  private void insert(Statement s, String... rows) throws Exception {
    s.execute(
        "INSERT INTO "
            + database
            + ".billing_reconciliation (hour, tenant_id, meter, stripe_event_name,"
            + " measured_quantity, measured_units, exported_units, difference_units, status,"
            + " last_error, updated_at) VALUES "
            + String.join(", ", rows));
  }

  private static String row(
      String hour,
      String tenant,
      String meter,
      long measured,
      long exported,
      String status,
      String error,
      String writtenAt) {
    return "('%s', '%s', '%s', '%s', %d, %d, %d, %d, '%s', %s, '2026-03-02 %s')"
        .formatted(
            hour,
            tenant,
            meter,
            meter,
            measured,
            measured,
            exported,
            measured - exported,
            status,
            error == null ? "NULL" : "'" + error + "'",
            writtenAt);
  }
}
