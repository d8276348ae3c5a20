package dev.tenantpulse.collector.reads;

import dev.tenantpulse.dashboards.OracleTables;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.oracle.ExpectedEvent;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.ExpectedOnboardingTenant;
import dev.tenantpulse.scenario.oracle.ExpectedTenant;
import dev.tenantpulse.scenario.oracle.ExpectedUsageDay;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.warehouse.chdb.TestEngine;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One database of the test JVM's chDB engine, filled once: the small scenario's oracle rows (as the
 * pipeline would have written them, stale copies included) and look-alike tenants, each with rows
 * carrying a marker no other tenant has ({@link #marker}), so a leak shows as a foreign marker in
 * an answer.
 */
final class TenantData {

  static final ScenarioConfig CONFIG = ScenarioConfig.small(20_261_206L);
  static final Instant NOW = CONFIG.end().plus(Duration.ofHours(2));
  static final Instant DAY = Instant.parse("2026-01-20T00:00:00Z");

  /** Ids the event contract admits that look like {@code acme}. */
  static final List<String> LOOK_ALIKES = lookAlikes();

  /**
   * Ids the event contract's pattern refuses, written straight into the tables (as a bug or an
   * import might): no credential can name them, and no read of a look-alike may show them.
   */
  static final List<String> IMPOSSIBLE =
      List.of("acme'", "acme\\", "acme%", "acme_%", "acme' OR '1'='1", "acme--'", "acme ", "");

  private static String database;
  private static ExpectedMetrics expected;

  private TenantData() {}

  static synchronized String database() {
    if (database == null) {
      try {
        String db = TestEngine.freshDatabase("tenant_reads");
        Scenario scenario = ScenarioGenerator.generate(CONFIG, PlanCatalog.defaultCatalog());
        ExpectedMetrics metrics =
            MetricOracle.compute(scenario.arrivals(), OracleOptions.streaming());
        try (Connection c = TestEngine.connect()) {
          c.createStatement().execute("DROP DATABASE IF EXISTS " + db);
          ClickHouseMigrations.forDatabase(db).migrate(c);
          new OracleTables(c, db, NOW).insert(metrics, true);
          List<String> all = new ArrayList<>(LOOK_ALIKES);
          all.addAll(IMPOSSIBLE);
          insertMarked(c, db, all);
        }
        expected = metrics;
        database = db;
      } catch (Exception e) {
        throw new IllegalStateException("could not fill the tenant reads' database", e);
      }
    }
    return database;
  }

  static synchronized ExpectedMetrics expected() {
    database();
    return expected;
  }

  /** The scenario tenant with the most usage days that also has onboarding rows and features. */
  static String busyTenant() {
    ExpectedMetrics m = expected();
    Set<String> onboarded = new LinkedHashSet<>();
    m.onboardingTenants().forEach(t -> onboarded.add(t.tenantId()));
    Set<String> featured = new LinkedHashSet<>();
    m.events().stream()
        .filter(e -> e.type().equals("feature_used"))
        .forEach(e -> featured.add(e.tenantId()));
    return m.usageDays().stream()
        .map(ExpectedUsageDay::tenantId)
        .filter(onboarded::contains)
        .filter(featured::contains)
        .collect(
            java.util.stream.Collectors.groupingBy(t -> t, java.util.stream.Collectors.counting()))
        .entrySet()
        .stream()
        .max(
            Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .orElseThrow()
        .getKey();
  }

  /** A text only the rows of {@code tenant} hold. */
  static String marker(String tenant) {
    return "mk" + Integer.toHexString(tenant.hashCode() & 0xfffffff) + "q" + tenant.length() + "z";
  }

  /** A quantity only {@code tenant}'s usage rows hold. */
  static double quantity(String tenant) {
    return 100_000 + (tenant.hashCode() & 0xffff) + tenant.length() / 1000.0 + 0.123;
  }

  private static List<String> lookAlikes() {
    Set<String> ids =
        new LinkedHashSet<>(
            List.of(
                "acme",
                "acme2",
                "ACME",
                "Acme",
                "acme_",
                "acme.",
                "acme:",
                "acme-",
                "acme--",
                "acme_1",
                "acm",
                "acmee",
                "0acme",
                "acme.acme",
                "acme:2",
                "a"));
    // Generated look-alikes: seeded mutations of acme within the contract's alphabet.
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-";
    Random random = new Random(16);
    while (ids.size() < 40) {
      StringBuilder id = new StringBuilder("acme");
      int edits = 1 + random.nextInt(3);
      for (int i = 0; i < edits; i++) {
        int op = random.nextInt(3);
        int at = 1 + random.nextInt(id.length());
        char ch = alphabet.charAt(random.nextInt(alphabet.length()));
        if (op == 0) {
          id.insert(Math.min(at, id.length()), ch);
        } else if (op == 1 && id.length() > 1 && at < id.length()) {
          id.setCharAt(at, ch);
        } else if (at < id.length() && id.length() > 2) {
          id.deleteCharAt(at);
        }
      }
      if (dev.tenantpulse.tenancy.events.IdPattern.matches(id.toString())) {
        ids.add(id.toString());
      }
    }
    return List.copyOf(ids);
  }

  private static void insertMarked(Connection c, String db, List<String> tenants) throws Exception {
    try (PreparedStatement events =
            c.prepareStatement(
                "INSERT INTO "
                    + db
                    + ".events (tenant_id, event_id, type, event_time, received_at,"
                    + " user_id, feature, step, meter, quantity, plan) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement usage =
            c.prepareStatement(
                "INSERT INTO "
                    + db
                    + ".usage_daily (day, tenant_id, meter, quantity, computed_at) VALUES (?, ?, ?, ?, ?)");
        PreparedStatement state =
            c.prepareStatement(
                "INSERT INTO "
                    + db
                    + ".tenants (tenant_id, plan, signed_up_at, plan_changed_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)");
        PreparedStatement onboarding =
            c.prepareStatement(
                "INSERT INTO "
                    + db
                    + ".onboarding_tenants (tenant_id, signed_up_at, cohort_week, signup_plan,"
                    + " step_first_at, computed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (String t : tenants) {
        String mk = marker(t);
        Instant at = DAY.plusSeconds(3600 + (t.hashCode() & 0xfff));
        event(
            events,
            t,
            mk + "-s",
            "tenant_signed_up",
            at.minusSeconds(86_400),
            null,
            null,
            null,
            null,
            "starter");
        event(events, t, mk + "-a", "activity", at, mk, null, null, null, null);
        event(events, t, mk + "-f", "feature_used", at, mk, "f" + mk, null, null, null);
        event(events, t, mk + "-u", "usage", at, mk, null, null, quantity(t), null);
        event(events, t, mk + "-o", "onboarding_step", at, mk, null, "account_created", null, null);
        events.executeBatch();
        usage.setObject(1, LocalDate.ofInstant(at, ZoneOffset.UTC));
        usage.setString(2, t);
        usage.setString(3, "api_calls");
        usage.setDouble(4, quantity(t));
        usage.setObject(5, NOW);
        usage.addBatch();
        state.setString(1, t);
        state.setString(2, "starter");
        state.setObject(3, at.minusSeconds(86_400));
        state.setObject(4, at.minusSeconds(86_400));
        state.setObject(5, NOW);
        state.addBatch();
        onboarding.setString(1, t);
        onboarding.setObject(2, at.minusSeconds(86_400));
        onboarding.setObject(3, LocalDate.parse("2026-01-12"));
        onboarding.setString(4, "starter");
        onboarding.setObject(5, Map.of("account_created", at));
        onboarding.setObject(6, NOW);
        onboarding.addBatch();
      }
      usage.executeBatch();
      state.executeBatch();
      onboarding.executeBatch();
    }
  }

  private static void event(
      PreparedStatement p,
      String tenant,
      String id,
      String type,
      Instant at,
      String user,
      String feature,
      String step,
      Double quantity,
      String plan)
      throws Exception {
    p.setString(1, tenant);
    p.setString(2, id);
    p.setString(3, type);
    p.setObject(4, at);
    p.setObject(5, at);
    p.setString(6, user);
    p.setString(7, feature);
    p.setString(8, step);
    p.setString(9, quantity == null ? null : "api_calls");
    p.setObject(10, quantity);
    p.setString(11, plan);
    p.addBatch();
  }

  // Oracle views the comparison tests read.
  static List<ExpectedEvent> events(String tenant) {
    return expected().events().stream().filter(e -> e.tenantId().equals(tenant)).toList();
  }

  static List<ExpectedOnboardingTenant> onboarding(String tenant) {
    return expected().onboardingTenants().stream()
        .filter(t -> t.tenantId().equals(tenant))
        .toList();
  }

  static List<ExpectedTenant> tenants(String tenant) {
    return expected().tenants().stream().filter(t -> t.tenantId().equals(tenant)).toList();
  }
}
