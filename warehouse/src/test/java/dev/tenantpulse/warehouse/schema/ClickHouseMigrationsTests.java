package dev.tenantpulse.warehouse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseMigrationsTests {

  private static final List<String> CONTRACT_TABLES =
      List.of(
          "active_tenants_hourly",
          "active_tenants_hourly_by_plan",
          "billing_reconciliation",
          "events",
          "feature_adoption_daily",
          "onboarding_cohorts",
          "onboarding_tenants",
          "rejected_events",
          "schema_migrations",
          "tenants",
          "usage_daily",
          "usage_daily_by_plan",
          "usage_hourly",
          "usage_monthly");

  private static List<String> tables(Connection c, String db) throws Exception {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM system.tables WHERE database = '" + db + "' ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static String unique(String hint) throws Exception {
    String db = TestEngine.freshDatabase(hint);
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + db);
    }
    return db;
  }

  @Test
  void createsEveryContractTableOnAnEmptyEngine() throws Exception {
    String db = unique("migrate_fresh");
    try (Connection c = TestEngine.connect()) {
      List<Migration> applied = ClickHouseMigrations.forDatabase(db).migrate(c);
      assertThat(applied).extracting(Migration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
      assertThat(tables(c, db)).containsExactlyElementsOf(CONTRACT_TABLES);
    }
  }

  @Test
  void secondRunAppliesNothingAndKeepsData() throws Exception {
    String db = unique("migrate_twice");
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      ClickHouseMigrations migrations = ClickHouseMigrations.forDatabase(db);
      migrations.migrate(c);
      s.execute(
          "INSERT INTO "
              + db
              + ".usage_daily (day, tenant_id, meter, quantity, computed_at)"
              + " VALUES ('2026-11-01', 'acme', 'api_calls', 12, now64(3))");
      assertThat(migrations.migrate(c)).isEmpty();
      try (ResultSet rs = s.executeQuery("SELECT sum(quantity) FROM " + db + ".usage_daily")) {
        rs.next();
        assertThat(rs.getDouble(1)).isEqualTo(12.0);
      }
    }
  }

  @Test
  void resumesAfterAHalfAppliedRun() throws Exception {
    String db = unique("migrate_resume");
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      ClickHouseMigrations migrations = ClickHouseMigrations.forDatabase(db);
      migrations.migrate(c);
      // As if the process died after V004's tables were created but before it was recorded.
      s.execute(
          "ALTER TABLE "
              + db
              + ".schema_migrations DELETE WHERE version >= 4 SETTINGS mutations_sync = 2");
      assertThat(migrations.migrate(c))
          .extracting(Migration::version)
          .containsExactly(4, 5, 6, 7, 8, 9);
    }
  }

  @Test
  void refusesAMigrationWhoseFileChangedAfterItWasApplied() throws Exception {
    String db = unique("migrate_checksum");
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      ClickHouseMigrations.forDatabase(db).migrate(c);
      s.execute(
          "INSERT INTO "
              + db
              + ".schema_migrations (version, name, checksum) VALUES (2, 'x', 'f00')");
      assertThatThrownBy(() -> ClickHouseMigrations.forDatabase(db).migrate(c))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("V002 active_tenants")
          .hasMessageContaining("immutable");
    }
  }

  @Test
  void statementsTargetTheRequestedDatabaseOnly() {
    for (Migration m : ClickHouseMigrations.forDatabase("other_db").migrations()) {
      for (String statement : m.statements("other_db")) {
        assertThat(statement).doesNotContain("tenant_pulse").isNotBlank();
      }
    }
  }

  @Test
  void rejectsADatabaseNameThatIsNotAnIdentifier() {
    assertThatThrownBy(() -> ClickHouseMigrations.forDatabase("x; DROP DATABASE y"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
