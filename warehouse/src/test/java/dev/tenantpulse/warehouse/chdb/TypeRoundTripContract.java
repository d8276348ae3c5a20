package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every column type Tenant Pulse uses goes in through a PreparedStatement and comes back unchanged
 * through the ResultSet getters, on either driver: one row per execute, and a whole batch at once.
 */
abstract class TypeRoundTripContract {

  private static final String COLUMNS =
      "id UInt32, s String, lc LowCardinality(String), ns Nullable(String),"
          + " u8 UInt8, u16 UInt16, u32 UInt32, u64 UInt64, i8 Int8, i16 Int16, i32 Int32,"
          + " i64 Int64, f64 Float64, d18 Decimal(18, 4), nd18 Nullable(Decimal(18, 4)),"
          + " d38 Decimal(38, 10), day Date, ts DateTime64(3, 'UTC'), flag Bool, uid UUID,"
          + " tags Array(String), nums Array(Nullable(Int32)), counts Map(String, UInt64)";
  private static final String NAMES =
      "id, s, lc, ns, u8, u16, u32, u64, i8, i16, i32, i64, f64, d18, nd18, d38, day, ts, flag,"
          + " uid, tags, nums, counts";

  enum InsertMode {
    ONE_EXECUTE_PER_ROW,
    ONE_BATCH
  }

  abstract SqlTarget target();

  private String table(Connection c, String hint) throws SQLException {
    String table = target().freshDatabase(hint) + ".types";
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (" + COLUMNS + ") ENGINE = MergeTree ORDER BY id");
    }
    return table;
  }

  private static void insert(Connection c, String table, InsertMode mode) throws SQLException {
    String marks = String.join(", ", Collections.nCopies(TypedRow.HIGH.bound().size(), "?"));
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO " + table + " (" + NAMES + ") VALUES (" + marks + ")")) {
      for (TypedRow row : TypedRow.ALL) {
        List<Object> values = row.bound();
        for (int i = 0; i < values.size(); i++) {
          p.setObject(i + 1, values.get(i));
        }
        if (mode == InsertMode.ONE_BATCH) {
          p.addBatch();
        } else {
          assertThat(p.executeUpdate()).isEqualTo(1);
        }
      }
      if (mode == InsertMode.ONE_BATCH) {
        assertThat(p.executeBatch()).hasSize(TypedRow.ALL.size());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(InsertMode.class)
  void everyColumnTypeRoundTripsUnchanged(InsertMode mode) throws Exception {
    try (Connection c = target().connect()) {
      String table = table(c, "types_" + mode.name().toLowerCase());
      insert(c, table, mode);
      List<Integer> seen = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
        while (rs.next()) {
          TypedRow expected = TypedRow.ALL.get(seen.size());
          assertRow(rs, expected);
          seen.add(rs.getInt("id"));
        }
      }
      assertThat(seen).containsExactly(1, 2, 3, 4);
    }
  }

  private static void assertRow(ResultSet rs, TypedRow r) throws SQLException {
    String row = "row " + r.id() + ": ";
    assertThat(rs.getString("s")).as(row + "s").isEqualTo(r.s());
    assertThat(rs.getString("lc")).as(row + "lc").isEqualTo(r.lc());
    assertThat(rs.getString("ns")).as(row + "ns").isEqualTo(r.ns());
    assertThat(rs.wasNull()).as(row + "ns was null").isEqualTo(r.ns() == null);
    assertThat(rs.getInt("u8")).as(row + "u8").isEqualTo(r.u8());
    assertThat(rs.getInt("u16")).as(row + "u16").isEqualTo(r.u16());
    assertThat(rs.getLong("u32")).as(row + "u32").isEqualTo(r.u32());
    assertThat(rs.getObject("u64", BigInteger.class)).as(row + "u64").isEqualTo(r.u64());
    assertThat(rs.getString("u64")).as(row + "u64 text").isEqualTo(r.u64().toString());
    assertThat(rs.getByte("i8")).as(row + "i8").isEqualTo(r.i8());
    assertThat(rs.getShort("i16")).as(row + "i16").isEqualTo(r.i16());
    assertThat(rs.getInt("i32")).as(row + "i32").isEqualTo(r.i32());
    assertThat(rs.getLong("i64")).as(row + "i64").isEqualTo(r.i64());
    // compareTo holds NaN equal to itself, where == would not.
    assertThat(rs.getDouble("f64")).as(row + "f64").isEqualByComparingTo(r.f64());
    assertThat(rs.getBigDecimal("d18")).as(row + "d18").isEqualTo(r.d18());
    assertThat(rs.getObject("nd18", BigDecimal.class)).as(row + "nd18").isEqualTo(r.nd18());
    assertThat(rs.getBigDecimal("d38")).as(row + "d38").isEqualTo(r.d38());
    assertThat(rs.getObject("day", LocalDate.class)).as(row + "day").isEqualTo(r.day());
    assertThat(rs.getDate("day").toLocalDate()).as(row + "day as Date").isEqualTo(r.day());
    assertThat(rs.getObject("ts", Instant.class)).as(row + "ts").isEqualTo(r.ts());
    assertThat(rs.getObject("ts", OffsetDateTime.class).toInstant()).isEqualTo(r.ts());
    // Not getTimestamp: jdbc-v2 returns the column's wall clock as a JVM-local Timestamp, so its
    // instant is off by the JVM's offset from UTC (ChdbPreparedStatementTests pins chDB's).
    assertThat(rs.getObject("ts", LocalDateTime.class))
        .as(row + "ts as UTC wall clock")
        .isEqualTo(LocalDateTime.ofInstant(r.ts(), ZoneOffset.UTC));
    assertThat(rs.getBoolean("flag")).as(row + "flag").isEqualTo(r.flag());
    assertThat(rs.getObject("uid", UUID.class)).as(row + "uid").isEqualTo(r.uid());
    assertThat((Object[]) rs.getArray("tags").getArray())
        .as(row + "tags")
        .isEqualTo(r.tags().toArray());
    assertThat((Object[]) rs.getArray("nums").getArray())
        .as(row + "nums")
        .isEqualTo(r.nums().toArray());
    assertThat(rs.getObject("counts")).as(row + "counts").isEqualTo(r.counts());
  }

  @Test
  void resultSetMetaDataDescribesTheEngineTypes() throws Exception {
    try (Connection c = target().connect()) {
      String table = table(c, "types_metadata");
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT s, lc, nd18, ts, tags, counts, f64 FROM " + table)) {
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnCount()).isEqualTo(7);
        assertThat(md.getColumnName(3)).isEqualTo("nd18");
        assertThat(md.getColumnTypeName(1)).isEqualTo("String");
        assertThat(md.getColumnTypeName(2)).isEqualTo("LowCardinality(String)");
        assertThat(md.getColumnTypeName(3)).isEqualTo("Nullable(Decimal(18, 4))");
        assertThat(md.getColumnTypeName(4)).isEqualTo("DateTime64(3, 'UTC')");
        assertThat(md.getColumnTypeName(6)).isEqualTo("Map(String, UInt64)");
        assertThat(md.getColumnType(1)).isEqualTo(Types.VARCHAR);
        assertThat(md.getColumnType(3)).isEqualTo(Types.DECIMAL);
        assertThat(md.getColumnType(5)).isEqualTo(Types.ARRAY);
        assertThat(md.getColumnType(7)).isEqualTo(Types.DOUBLE);
        assertThat(md.getScale(3)).isEqualTo(4);
        assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
        assertThat(md.isNullable(3)).isEqualTo(ResultSetMetaData.columnNullable);
      }
    }
  }
}
