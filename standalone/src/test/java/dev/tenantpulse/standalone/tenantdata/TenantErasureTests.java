package dev.tenantpulse.standalone.tenantdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.billing.ledger.Ledger;
import dev.tenantpulse.billing.service.LedgerSchema;
import dev.tenantpulse.collector.reads.TenantTable;
import dev.tenantpulse.collector.reads.TenantTables;
import dev.tenantpulse.dashboards.OracleTables;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.standalone.support.Http;
import dev.tenantpulse.standalone.support.Poll;
import dev.tenantpulse.standalone.support.RunningRuntime;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's erasure in the one-process runtime: a scenario's events and its metric rows (as the
 * stream would have written them: the oracle's) in the warehouse, the tenant's ledger rows in the
 * billing export's database; then {@code DELETE /admin/tenants/acme} on the collector. Afterwards
 * acme is in no per-tenant table and no ledger table, {@code acme2} (a look-alike) keeps every row,
 * and the recompute the erasure launched leaves every cross-tenant aggregate table equal to the
 * oracle over the events without acme, while the rows before the erased range keep their version.
 */
class TenantErasureTests {

  private static final String DB = "tenant_pulse";
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String ERASED = "acme";
  private static final String KEPT = "acme2";

  /** Monday, a year before the other tests' scenarios, so their recomputes never reach it. */
  private static final Instant START = Instant.parse("2025-03-03T00:00:00Z");

  private static final ScenarioConfig CONFIG =
      new ScenarioConfig(
          7L,
          30,
          16,
          START,
          -1,
          0.0,
          ScenarioConfig.DEFAULT_DUPLICATE_RATE,
          3,
          ScenarioConfig.DEFAULT_MAX_DISORDER,
          5.0,
          ScenarioConfig.DEFAULT_WEEKEND_ACTIVITY);

  /** Period column, key expression and values of each cross-tenant table, read with FINAL. */
  private static final Map<String, String> AGGREGATES =
      Map.of(
          "active_tenants_hourly",
          "SELECT toString(window_end) AS k, active_24h AS a, weekly_avg AS b, drop_ratio AS c"
              + " FROM %s.active_tenants_hourly FINAL",
          "active_tenants_hourly_by_plan",
          "SELECT concat(toString(window_end), '/', plan) AS k, active_24h AS a, weekly_avg AS b,"
              + " drop_ratio AS c FROM %s.active_tenants_hourly_by_plan FINAL",
          "feature_adoption_daily",
          "SELECT concat(toString(day), '/', plan, '/', feature) AS k, plan_tenants AS a,"
              + " adopting_tenants AS b, 0 AS c FROM %s.feature_adoption_daily FINAL",
          "onboarding_cohorts",
          "SELECT toString(cohort_week) AS k, signups AS a, completed AS b, p90_seconds AS c"
              + " FROM %s.onboarding_cohorts FINAL",
          "usage_daily_by_plan",
          "SELECT concat(toString(day), '/', plan, '/', meter) AS k, tenants AS a, quantity AS b,"
              + " 0 AS c FROM %s.usage_daily_by_plan FINAL WHERE tenants > 0");

  @Test
  void anErasedTenantLeavesEveryTableAndTheAggregatesEqualTheOracleWithoutIt() throws Exception {
    RunningRuntime runtime = RunningRuntime.get();
    List<ScenarioEvent> all = scenarioWithAcmes();
    List<ScenarioEvent> without =
        all.stream().filter(a -> !a.event().tenantId().equals(ERASED)).toList();
    ExpectedMetrics before = MetricOracle.compute(all, OracleOptions.recompute());
    ExpectedMetrics after = MetricOracle.compute(without, OracleOptions.recompute());
    Instant written = Instant.now().minusSeconds(600);
    String billing = billingLedger();
    try (Connection c = DriverManager.getConnection(runtime.warehouseUrl())) {
      new OracleTables(c, DB, written).insert(before, false);
      for (String tenant : List.of(ERASED, KEPT)) {
        for (String table : List.of("usage_hourly", "billing_reconciliation", "rejected_events")) {
          insertTenantRow(c, table, tenant);
        }
      }
      Map<String, Long> keptRows = rowsOf(c, KEPT);
      assertThat(rowsOf(c, ERASED).get("events")).isPositive();

      Http.Answer answer =
          Http.delete(
              runtime.endpoints().collector() + "/admin/tenants/" + ERASED,
              RunningRuntime.ADMIN_TOKEN);

      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      JsonNode erased = answer.json();
      assertThat(erased.path("rows").path("events").asLong()).isPositive();
      assertThat(erased.path("rows").path("billing_sends").asLong()).isEqualTo(1);
      assertThat(erased.path("rows").path("billing_windows").asLong()).isEqualTo(1);
      assertThat(erased.path("rows").path("billing_customers").asLong()).isEqualTo(1);
      assertThat(erased.path("rows").path("billing_stops").asLong()).isEqualTo(1);
      JsonNode aggregates = erased.path("aggregates");
      Instant first = firstEventOf(all, ERASED);
      assertThat(Instant.parse(aggregates.path("eventsFrom").asString())).isEqualTo(first);
      Instant from = Instant.parse(aggregates.path("from").asString());
      assertThat(from).isAfter(START).isBeforeOrEqualTo(first);
      assertThat(Instant.parse(aggregates.path("to").asString())).isAfter(Instant.now());
      String run = aggregates.path("recompute").path("id").asString();
      assertThat(aggregates.path("recompute").path("state").asString())
          .isIn("SUBMITTED", "RUNNING");

      JsonNode done =
          Poll.until(
              Duration.ofMinutes(3),
              () ->
                  Http.get(
                          runtime.endpoints().console() + "/api/recompute/" + run,
                          RunningRuntime.ADMIN_TOKEN)
                      .json(),
              r -> !List.of("SUBMITTED", "RUNNING").contains(r.path("state").asString()),
              "the erasure's recompute to end");
      assertThat(done.path("state").asString()).as(done.toString()).isEqualTo("FINISHED");

      assertThat(rowsOf(c, ERASED).values()).allMatch(n -> n == 0);
      // The recompute rewrites acme2's per-tenant rows (usage_hourly gains the hours the oracle's
      // rows lack): none may be lost.
      Map<String, Long> keptAfter = rowsOf(c, KEPT);
      keptRows.forEach(
          (table, n) -> assertThat(keptAfter.get(table)).as(table).isGreaterThanOrEqualTo(n));
      assertThat(keptAfter.get("events")).isEqualTo(keptRows.get("events"));
      assertThat(ledgerRows(billing, ERASED)).isZero();
      assertThat(ledgerRows(billing, KEPT)).isEqualTo(4);
      List<String> differences = new ArrayList<>();
      compare(c, expectedRows(after), differences);
      assertThat(differences)
          .as(
              differences.size()
                  + " differences, first: "
                  + differences.stream().limit(10).toList())
          .isEmpty();
      assertThat(rewrittenBefore(c, from, written)).isZero();
    }
  }

  /** The scenario with two of its tenants that sign up in its second week named acme and acme2. */
  private static List<ScenarioEvent> scenarioWithAcmes() {
    List<ScenarioEvent> arrivals = ScenarioGenerator.generate(CONFIG).arrivals();
    Map<String, Instant> signups = new TreeMap<>();
    Map<String, Instant> firstSeen = new LinkedHashMap<>();
    for (ScenarioEvent a : arrivals) {
      TenantEvent e = a.event();
      firstSeen.merge(e.tenantId(), e.timestamp(), (x, y) -> x.isBefore(y) ? x : y);
      if (e.type() == EventType.TENANT_SIGNED_UP) {
        signups.putIfAbsent(e.tenantId(), e.timestamp());
      }
    }
    Instant weekTwo = START.plus(Duration.ofDays(7));
    List<String> picked =
        signups.entrySet().stream()
            .filter(s -> s.getValue().isAfter(weekTwo.plus(Duration.ofHours(12))))
            .filter(s -> !firstSeen.get(s.getKey()).isBefore(s.getValue()))
            .map(Map.Entry::getKey)
            .limit(2)
            .toList();
    assertThat(picked).as("tenants signing up in the second week").hasSize(2);
    List<ScenarioEvent> renamed = new ArrayList<>();
    for (ScenarioEvent a : arrivals) {
      String tenant = a.event().tenantId();
      String name =
          tenant.equals(picked.get(0)) ? ERASED : tenant.equals(picked.get(1)) ? KEPT : tenant;
      renamed.add(
          new ScenarioEvent(
              a.event().toBuilder().tenantId(name).build(),
              a.receivedAt(),
              a.duplicate(),
              a.late()));
    }
    // A feature and a meter only acme uses: their rows (every plan's adoption of the feature for
    // 30 days, the meter's usage per plan) have no support left after the erasure, and a
    // recompute writes nothing over them: it must delete them.
    Instant at = signups.get(picked.get(0)).plus(Duration.ofHours(2));
    renamed.add(
        new ScenarioEvent(
            TenantEvent.builder(EventType.FEATURE_USED, "acme-only-feature", ERASED, at)
                .feature("acme_only_feature")
                .build(),
            at.plusSeconds(1),
            false,
            false));
    renamed.add(
        new ScenarioEvent(
            TenantEvent.builder(EventType.USAGE, "acme-only-meter", ERASED, at)
                .meter("acme_only_meter")
                .quantity(3.0)
                .build(),
            at.plusSeconds(1),
            false,
            false));
    return renamed;
  }

  private static Instant firstEventOf(List<ScenarioEvent> events, String tenant) {
    return events.stream()
        .filter(a -> a.event().tenantId().equals(tenant))
        .map(a -> a.event().timestamp())
        .min(Instant::compareTo)
        .orElseThrow();
  }

  private static void insertTenantRow(Connection c, String table, String tenant)
      throws SQLException {
    String sql =
        table.equals("rejected_events")
            ? "INSERT INTO %s.%s (tenant_id, rejected_at) VALUES (?, now64(3))"
            : "INSERT INTO %s.%s (tenant_id) VALUES (?)";
    try (PreparedStatement s = c.prepareStatement(sql.formatted(DB, table))) {
      s.setString(1, tenant);
      s.execute();
    }
  }

  private static Map<String, Long> rowsOf(Connection c, String tenant) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (TenantTable table : TenantTables.WAREHOUSE.all()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT count() FROM %s.%s FINAL WHERE %s = ?"
                  .formatted(DB, table.name(), table.tenantColumn()))) {
        s.setString(1, tenant);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          rows.put(table.name(), rs.getLong(1));
        }
      }
    }
    return rows;
  }

  /**
   * The billing export's database of the runtime, with its ledger (the export is off in tests: its
   * schema is created here as its first start would) and one row of each table for acme and acme2.
   */
  private static String billingLedger() throws SQLException {
    String url =
        "jdbc:h2:file:"
            + RunningRuntime.dataDir().resolve("metadata").resolve("billing")
            + ";DB_CLOSE_ON_EXIT=FALSE";
    DriverManagerDataSource db = new DriverManagerDataSource(url, "sa", "");
    LedgerSchema.migrate(db);
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      for (String tenant : List.of(ERASED, KEPT)) {
        s.execute(
            "INSERT INTO billing_windows VALUES ('%s', 'api_calls', 0, 1.0, 1, 0)"
                .formatted(tenant));
        s.execute(
            ("INSERT INTO billing_sends (tenant_id, meter, window_start, revision, identifier,"
                    + " customer_id, event_name, units, state, attempts, created_at)"
                    + " VALUES ('%1$s', 'api_calls', 0, 1, 'id-%1$s', 'cus_%1$s', 'api_calls', 1,"
                    + " 'sent', 1, 0)")
                .formatted(tenant));
        s.execute("INSERT INTO billing_customers VALUES ('%1$s', 'cus_%1$s', 0)".formatted(tenant));
        s.execute("INSERT INTO billing_stops VALUES ('%s', 'refused', 0)".formatted(tenant));
      }
    }
    return url;
  }

  private static long ledgerRows(String url, String tenant) throws SQLException {
    long rows = 0;
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      for (String table : Ledger.TENANT_TABLES) {
        try (PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?")) {
          s.setString(1, tenant);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            rows += rs.getLong(1);
          }
        }
      }
    }
    return rows;
  }

  /** The oracle's rows of each cross-tenant table, keyed as {@link #AGGREGATES} reads them. */
  private static Map<String, Map<String, double[]>> expectedRows(ExpectedMetrics m) {
    Map<String, Map<String, double[]>> rows = new TreeMap<>();
    Map<String, double[]> hours = new TreeMap<>();
    m.activeHours()
        .forEach(
            h ->
                hours.put(
                    seconds(h.windowEnd()), values(h.active24h(), h.weeklyAvg(), h.dropRatio())));
    rows.put("active_tenants_hourly", hours);
    Map<String, double[]> byPlan = new TreeMap<>();
    m.activeHoursByPlan()
        .forEach(
            h ->
                byPlan.put(
                    seconds(h.windowEnd()) + "/" + h.plan(),
                    values(h.active24h(), h.weeklyAvg(), h.dropRatio())));
    rows.put("active_tenants_hourly_by_plan", byPlan);
    Map<String, double[]> adoption = new TreeMap<>();
    m.featureAdoption()
        .forEach(
            r ->
                adoption.put(
                    r.day() + "/" + r.plan() + "/" + r.feature(),
                    values(r.planTenants(), (double) r.adoptingTenants(), 0.0)));
    rows.put("feature_adoption_daily", adoption);
    Map<String, double[]> cohorts = new TreeMap<>();
    m.onboardingCohorts()
        .forEach(
            r ->
                cohorts.put(
                    r.cohortWeek().toString(),
                    values(
                        r.signups(),
                        (double) r.completed(),
                        r.p90Seconds() == null ? null : (double) r.p90Seconds())));
    rows.put("onboarding_cohorts", cohorts);
    Map<String, double[]> usage = new TreeMap<>();
    m.usageDaysByPlan()
        .forEach(
            r ->
                usage.put(
                    r.day() + "/" + r.plan() + "/" + r.meter(),
                    values(r.tenants(), r.quantity(), 0.0)));
    rows.put("usage_daily_by_plan", usage);
    return rows;
  }

  private static String seconds(Instant t) {
    return SECONDS.format(t);
  }

  private static double[] values(long a, Double b, Double c) {
    return new double[] {a, b == null ? Double.NaN : b, c == null ? Double.NaN : c};
  }

  /** Every row of each table against the oracle's, both ways: a missing or an extra row counts. */
  private static void compare(
      Connection c, Map<String, Map<String, double[]>> expected, List<String> differences)
      throws SQLException {
    for (var table : expected.entrySet()) {
      Map<String, double[]> actual = new TreeMap<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(AGGREGATES.get(table.getKey()).formatted(DB))) {
        while (rs.next()) {
          actual.put(
              rs.getString("k"), new double[] {value(rs, "a"), value(rs, "b"), value(rs, "c")});
        }
      }
      for (var row : table.getValue().entrySet()) {
        double[] got = actual.remove(row.getKey());
        if (got == null) {
          differences.add(table.getKey() + ": no row " + row.getKey());
        } else if (!close(row.getValue(), got)) {
          differences.add(
              table.getKey()
                  + " "
                  + row.getKey()
                  + ": expected "
                  + java.util.Arrays.toString(row.getValue())
                  + ", got "
                  + java.util.Arrays.toString(got));
        }
      }
      actual.keySet().forEach(k -> differences.add(table.getKey() + ": extra row " + k));
    }
  }

  private static double value(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  private static boolean close(double[] expected, double[] actual) {
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e) || Double.isNaN(a)) {
        if (Double.isNaN(e) != Double.isNaN(a)) {
          return false;
        }
        continue;
      }
      if (Math.abs(e - a) > 1e-9 * Math.max(1, Math.max(Math.abs(e), Math.abs(a)))) {
        return false;
      }
    }
    return true;
  }

  /** Rows before the erased range that anything wrote after the scenario's rows. */
  private static long rewrittenBefore(Connection c, Instant from, Instant written)
      throws SQLException {
    long seconds = from.getEpochSecond();
    long version = written.toEpochMilli();
    String[] periods = {
      "active_tenants_hourly:toUnixTimestamp(window_end)",
      "active_tenants_hourly_by_plan:toUnixTimestamp(window_end)",
      "feature_adoption_daily:toUnixTimestamp(toDateTime(day, 'UTC'))",
      "usage_daily_by_plan:toUnixTimestamp(toDateTime(day, 'UTC'))",
      "onboarding_cohorts:toUnixTimestamp(toDateTime(cohort_week, 'UTC'))"
    };
    long rows = 0;
    for (String p : periods) {
      String[] parts = p.split(":", 2);
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count() FROM %s.%s WHERE %s < %d AND version > %d"
                      .formatted(DB, parts[0], parts[1], seconds, version))) {
        rs.next();
        rows += rs.getLong(1);
      }
    }
    return rows;
  }
}
