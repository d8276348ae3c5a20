package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tools browse the warehouse through DatabaseMetaData: databases, tables and typed columns. */
class ChdbDatabaseMetaDataTests {

  @Test
  void listsTablesAndViewsOfADatabase() throws Exception {
    String db = TestEngine.freshDatabase("meta_tables");
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + db + ".events (id UInt64) ENGINE = MergeTree ORDER BY id");
      s.execute("CREATE VIEW " + db + ".recent AS SELECT id FROM " + db + ".events");
      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, db, "%", null)) {
        while (rs.next()) {
          assertThat(rs.getString("TABLE_SCHEM")).isEqualTo(db);
          tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
        }
      }
      assertThat(tables).containsExactly("events:TABLE", "recent:VIEW");
      try (ResultSet rs = md.getSchemas(null, db)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_SCHEM")).isEqualTo(db);
      }
    }
  }

  @Test
  void listsTheColumnsOfATableInOrderWithTheirTypes() throws Exception {
    String db = TestEngine.freshDatabase("meta_columns");
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + db
              + ".usage (tenant_id String, amount Nullable(Decimal(18, 4)),"
              + " at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY tenant_id");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, db, "usage", "%")) {
        while (rs.next()) {
          columns.add(
              rs.getInt("ORDINAL_POSITION")
                  + " "
                  + rs.getString("COLUMN_NAME")
                  + " "
                  + rs.getString("TYPE_NAME")
                  + " "
                  + rs.getString("IS_NULLABLE")
                  + " "
                  + rs.getString("COLUMN_DEF"));
        }
      }
      assertThat(columns)
          .containsExactly(
              "1 tenant_id String NO ",
              "2 amount Nullable(Decimal(18, 4)) YES ",
              "3 at DateTime64(3, 'UTC') NO now64(3)");
    }
  }

  @Test
  void describesTheEngineAndTheDriver() throws Exception {
    try (Connection c = TestEngine.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("ClickHouse");
      assertThat(md.getDatabaseMajorVersion()).isGreaterThanOrEqualTo(26);
      assertThat(md.getURL()).isEqualTo(TestEngine.url());
      assertThat(md.supportsTransactions()).isFalse();
      assertThat(md.getIdentifierQuoteString()).isEqualTo("`");
    }
  }
}
