package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What getObject returns for each ClickHouse type, and the JDBC type the metadata reports. */
class ChdbResultSetTests {

  private static final String SELECT =
      "SELECT toInt8(-1) AS i8, toUInt8(200) AS u8, toUInt32(4000000000) AS u32,"
          + " toUInt64('18446744073709551615') AS u64, toDecimal64(1.5, 4) AS dec,"
          + " toDate('2026-11-27') AS day, toDateTime64('2026-11-27 10:00:00.5', 3, 'UTC') AS ts,"
          + " true AS flag, toUUID('0f8fad5b-d9cb-469f-a165-70867728950e') AS uid,"
          + " ['a'] AS arr, map('k', 1) AS m, CAST(NULL AS Nullable(Int32)) AS nothing";

  @Test
  void getObjectReturnsTheJavaTypeTheMetadataNames() throws Exception {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SELECT)) {
      assertThat(rs.next()).isTrue();
      ResultSetMetaData md = rs.getMetaData();
      Map<String, Class<?>> expected =
          Map.ofEntries(
              Map.entry("i8", Byte.class),
              Map.entry("u8", Short.class),
              Map.entry("u32", Long.class),
              Map.entry("u64", BigInteger.class),
              Map.entry("dec", BigDecimal.class),
              Map.entry("day", Date.class),
              Map.entry("ts", Timestamp.class),
              Map.entry("flag", Boolean.class),
              Map.entry("uid", UUID.class),
              Map.entry("arr", Array.class),
              Map.entry("m", Map.class));
      for (int col = 1; col < md.getColumnCount(); col++) {
        Class<?> type = expected.get(md.getColumnName(col));
        assertThat(rs.getObject(col)).as(md.getColumnName(col)).isInstanceOf(type);
        assertThat(md.getColumnClassName(col)).as(md.getColumnName(col)).isEqualTo(type.getName());
      }
      assertThat(rs.getObject("nothing")).isNull();
      assertThat(rs.getInt("nothing")).isZero();
      assertThat(rs.wasNull()).isTrue();
      assertThat(rs.getInt("i8")).isEqualTo(-1);
      assertThat(rs.wasNull()).isFalse();
    }
  }

  @Test
  void metadataMapsClickHouseTypesToJdbcTypes() throws Exception {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SELECT)) {
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnType(rs.findColumn("i8"))).isEqualTo(Types.TINYINT);
      assertThat(md.getColumnType(rs.findColumn("u8"))).isEqualTo(Types.SMALLINT);
      assertThat(md.getColumnType(rs.findColumn("u32"))).isEqualTo(Types.BIGINT);
      assertThat(md.getColumnType(rs.findColumn("u64"))).isEqualTo(Types.NUMERIC);
      assertThat(md.getColumnType(rs.findColumn("dec"))).isEqualTo(Types.DECIMAL);
      assertThat(md.getColumnType(rs.findColumn("day"))).isEqualTo(Types.DATE);
      assertThat(md.getColumnType(rs.findColumn("ts"))).isEqualTo(Types.TIMESTAMP);
      assertThat(md.getColumnType(rs.findColumn("flag"))).isEqualTo(Types.BOOLEAN);
      assertThat(md.getColumnType(rs.findColumn("nothing"))).isEqualTo(Types.INTEGER);
      assertThat(md.isSigned(rs.findColumn("u64"))).isFalse();
      assertThat(md.getPrecision(rs.findColumn("dec"))).isEqualTo(18);
    }
  }

  @Test
  void readingOutsideARowOrTheColumnsIsRefused() throws Exception {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 AS one")) {
      assertThatThrownBy(() -> rs.getInt(1)).hasMessageContaining("next()");
      assertThat(rs.next()).isTrue();
      assertThatThrownBy(() -> rs.getInt(2)).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> rs.getInt("two")).isInstanceOf(SQLException.class);
      assertThat(rs.getInt("ONE")).as("labels are found case-insensitively").isEqualTo(1);
      assertThat(rs.next()).isFalse();
      assertThat(rs.next()).isFalse();
    }
  }
}
