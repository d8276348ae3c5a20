package dev.tenantpulse.collector.reads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.warehouse.chdb.TestEngine;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The list of per-tenant tables (what tenant reads may name, what export and erasure walk, what the
 * deployed row policies cover) is every table of the migrations with a {@code tenant_id} column: a
 * migration that adds one (as the billing export's did) fails here until the list names it.
 */
class TenantTablesCoverTheWarehouseTests {

  @Test
  void everyMigratedTableWithATenantColumnIsAPerTenantTable() throws SQLException {
    String db = TestEngine.freshDatabase("tenant_tables");
    List<String> withTenant = new ArrayList<>();
    try (Connection c = TestEngine.connect()) {
      ClickHouseMigrations.forDatabase(db).migrate(c);
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT table FROM system.columns WHERE database = '"
                      + db
                      + "' AND name = 'tenant_id' ORDER BY table")) {
        while (rs.next()) {
          withTenant.add(rs.getString(1));
        }
      }
    }
    assertThat(withTenant).isNotEmpty();
    assertThat(TenantTables.WAREHOUSE.all())
        .extracting(TenantTable::name)
        .containsExactlyInAnyOrderElementsOf(withTenant);
  }
}
