package dev.tenantpulse.standalone.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.standalone.support.RunningRuntime;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official ClickHouse JDBC driver ({@code com.clickhouse:jdbc-v2}, what DBeaver and Metabase
 * use) against the runtime's HTTP interface, with its defaults: HTTP Basic, {@code compress=1}
 * (ClickHouse's LZ4 blocks, checksums verified by the driver) and RowBinaryWithNamesAndTypes.
 */
class JdbcV2ClientTests {

  /** The ClickHouse contract of DESIGN.md: what analysts and dashboards read. */
  static final List<String> CONTRACT_TABLES =
      List.of(
          "events",
          "tenants",
          "active_tenants_hourly",
          "active_tenants_hourly_by_plan",
          "feature_adoption_daily",
          "onboarding_tenants",
          "onboarding_cohorts",
          "usage_daily");

  private static final String PROBE = "tenant_pulse.jdbc_v2_probe";

  @BeforeAll
  static void createProbeTable() throws Exception {
    TestUsers.baseUrl();
    try (Connection c = DriverManager.getConnection(RunningRuntime.get().warehouseUrl());
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + PROBE
              + " (id UInt32, name LowCardinality(String), note Nullable(String),"
              + " at DateTime64(3, 'UTC'), amount Decimal(18, 4), tags Array(String),"
              + " props Map(String, String)) ENGINE = MergeTree ORDER BY id");
      s.execute("TRUNCATE TABLE " + PROBE);
      s.execute(
          "INSERT INTO "
              + PROBE
              + " VALUES (1, 'acme', NULL, '2026-12-01 10:00:00.123', 12.5, ['a', 'b'],"
              + " {'plan': 'pro'}), (2, 'globex', 'it''s', '2026-12-02 00:00:00', -0.0001, [], {})");
    }
  }

  static Connection connect(String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    String url = TestUsers.baseUrl().replace("http://", "jdbc:clickhouse://") + "/tenant_pulse";
    // The driver class itself, as DBeaver and Metabase load it from the jar they were given.
    Connection connection = new com.clickhouse.jdbc.Driver().connect(url, properties);
    assertThat(connection).as("jdbc-v2 accepts " + url).isNotNull();
    return connection;
  }

  @Test
  void anAnalystBrowsesTheSchemaThroughDatabaseMetaData() throws Exception {
    try (Connection c = connect(TestUsers.ANALYST, TestUsers.PASSWORD)) {
      DatabaseMetaData meta = c.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = meta.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(null, "tenant_pulse", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(null, "tenant_pulse", "events", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME"));
        }
      }

      assertThat(meta.getDatabaseProductVersion()).isNotBlank();
      assertThat(schemas).contains("tenant_pulse");
      assertThat(tables).containsAll(CONTRACT_TABLES);
      assertThat(columns)
          .contains("tenant_id", "event_id", "type", "event_time", "received_at", "properties");
      assertThat(c.isValid(5)).isTrue();
    }
  }

  @Test
  void anAnalystReadsEveryContractTable() throws Exception {
    try (Connection c = connect(TestUsers.ANALYST, TestUsers.PASSWORD);
        Statement s = c.createStatement()) {
      for (String table : CONTRACT_TABLES) {
        int expectedColumns;
        try (ResultSet rs =
            s.executeQuery(
                "SELECT count() FROM system.columns WHERE database = 'tenant_pulse' AND table = '"
                    + table
                    + "'")) {
          rs.next();
          expectedColumns = rs.getInt(1);
        }
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " LIMIT 10")) {
          assertThat(rs.getMetaData().getColumnCount()).as(table).isEqualTo(expectedColumns);
          while (rs.next()) {
            assertThat(rs.getObject(1)).as(table).isNotNull();
          }
        }
      }
    }
  }

  @Test
  void valuesOfEveryKindArriveAsWritten() throws Exception {
    try (Connection c = connect(TestUsers.ANALYST, TestUsers.PASSWORD);
        PreparedStatement p =
            c.prepareStatement(
                "SELECT id, name, note, at, amount, tags, props['plan'] AS plan FROM "
                    + PROBE
                    + " WHERE id >= ? ORDER BY id")) {
      p.setInt(1, 1);
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("id")).isEqualTo(1);
        assertThat(rs.getString("name")).isEqualTo("acme");
        assertThat(rs.getString("note")).isNull();
        assertThat(rs.getTimestamp("at").toInstant().toString())
            .isEqualTo("2026-12-01T10:00:00.123Z");
        assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat((Object[]) rs.getArray("tags").getArray()).containsExactly("a", "b");
        assertThat(rs.getString("plan")).isEqualTo("pro");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("note")).isEqualTo("it's");
        assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo(new BigDecimal("-0.0001"));
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void aResultOfManyEngineBlocksArrivesWholeWithOneHeader() throws Exception {
    // 300,000 rows stream past the interface's 1 MiB buffer in many engine blocks, each of which
    // chDB formats with its own RowBinaryWithNamesAndTypes header; the driver must see one.
    try (Connection c = connect(TestUsers.ANALYST, TestUsers.PASSWORD);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT number AS n, toString(number) AS s FROM numbers(300000)")) {
      long rows = 0;
      long sum = 0;
      while (rs.next()) {
        assertThat(rs.getString("s")).isEqualTo(Long.toString(rs.getLong("n")));
        sum += rs.getLong("n");
        rows++;
      }
      assertThat(rows).isEqualTo(300_000);
      assertThat(sum).isEqualTo(300_000L * 299_999 / 2);
    }
  }

  @Test
  void writesAreRefusedWithClickHousesReadonlyCodeAndChangeNothing() throws Exception {
    try (Connection c = connect(TestUsers.ANALYST, TestUsers.PASSWORD);
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "INSERT INTO " + PROBE + " (id) VALUES (3)",
              "CREATE TABLE tenant_pulse.from_jdbc (x UInt8) ENGINE = Memory",
              "TRUNCATE TABLE " + PROBE)) {
        assertThatThrownBy(() -> s.execute(sql))
            .as(sql)
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(164));
      }
      try (ResultSet rs = s.executeQuery("SELECT count() FROM " + PROBE)) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void aWrongPasswordGetsClickHousesAuthenticationError() {
    assertThatThrownBy(
            () -> {
              try (Connection c = connect(TestUsers.ANALYST, "not the password");
                  Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1");
              }
            })
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(516))
        .hasMessageContaining("Authentication failed");
  }
}
