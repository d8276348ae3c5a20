package dev.tenantpulse.collector.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The second isolation layer: the deploy/ row policies cover exactly the query layer's per-tenant
 * tables, and what chDB (the embedded engine) does and does not enforce, as measured.
 */
class RowPoliciesTests {

  private static final Path READER = Path.of("../deploy/clickhouse/users.d/tenant-reader.xml");

  @Test
  void theDeployedTenantReaderHasARowPolicyOnEveryPerTenantTableAndSelectOnNothingElse()
      throws Exception {
    String xml = Files.readString(READER);
    List<String> expected =
        TenantTables.WAREHOUSE.all().stream().map(TenantTable::name).sorted().toList();
    Matcher filters =
        Pattern.compile(
                "<([a-z_]+)>\\s*<filter>tenant_id = getSetting\\('SQL_tenant_id'\\)</filter>")
            .matcher(xml);
    List<String> policies = filters.results().map(m -> m.group(1)).sorted().toList();
    List<String> grants =
        Pattern.compile("GRANT SELECT ON tenant_pulse\\.([a-z_]+)</query>")
            .matcher(xml)
            .results()
            .map(m -> m.group(1))
            .sorted()
            .toList();
    assertThat(policies).isEqualTo(expected);
    assertThat(grants).isEqualTo(expected);
    assertThat(xml).contains("<readonly>2</readonly>");
    assertThat(Files.readString(Path.of("../deploy/clickhouse/config.d/custom-settings.xml")))
        .contains("<custom_settings_prefixes>SQL_</custom_settings_prefixes>");
  }

  @Test
  void chdbKnowsNoCustomSettingsSoGetSettingFailsClosed() throws SQLException {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT getSetting('SQL_tenant_id')"))
          .hasMessageContaining("UNKNOWN_SETTING");
      // Not even in a query's SETTINGS: the embedded engine has no custom_settings_prefixes.
      assertThatThrownBy(() -> s.executeQuery("SELECT 1 SETTINGS SQL_tenant_id = 'acme'"))
          .hasMessageContaining("UNKNOWN_SETTING");
    }
  }

  @Test
  void chdbCannotCreateRowPoliciesSoTheQueryLayerIsItsOnlyGuard() throws SQLException {
    String db = TestEngine.freshDatabase("row_policy");
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE " + db + ".t (tenant_id String) ENGINE = MergeTree ORDER BY tenant_id");
      s.execute("INSERT INTO " + db + ".t VALUES ('acme'), ('acme2')");
      assertThatThrownBy(
              () ->
                  s.execute("CREATE ROW POLICY p ON " + db + ".t USING tenant_id = 'acme' TO ALL"))
          .hasMessageContaining("ACCESS_DENIED");
      assertThatThrownBy(() -> s.execute("CREATE USER tenant_reader"))
          .hasMessageContaining("ACCESS_DENIED");
      try (var rs = s.executeQuery("SELECT count() FROM " + db + ".t")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(2); // every row: nothing below the query layer filters
      }
    }
  }
}
