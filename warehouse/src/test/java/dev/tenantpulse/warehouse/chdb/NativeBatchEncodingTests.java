package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Batches go to the engine as {@code Native} blocks ({@link NativeColumn}); the layout is proven
 * against an independent path: the same generated rows (nulls, empty and non-ASCII strings, edge
 * numbers, empty and nested-null arrays, maps) inserted once as a batch and once as SQL text, and
 * the two tables must read back byte for byte alike.
 */
class NativeBatchEncodingTests {

  private static final String COLUMNS =
      "id UInt32, s String, lc LowCardinality(String), lcn LowCardinality(Nullable(String)),"
          + " ns Nullable(String), u8 UInt8, u64 UInt64, i32 Int32, i64 Int64, f64 Float64,"
          + " nf Nullable(Float64), d18 Decimal(18, 4), nd Nullable(Decimal(38, 10)), day Date,"
          + " ts DateTime64(3, 'UTC'), nts Nullable(DateTime64(3, 'UTC')), flag Bool, uid UUID,"
          + " tags Array(String), nums Array(Nullable(Int32)), counts Map(String, UInt64)";
  private static final int COLUMN_COUNT = 21;
  private static final String[] WORDS = {"", "acme", "ß→ü", "日本", "a'b", "x\\y", "tab\tnew\nline"};

  @Test
  void generatedRowsReadBackAsTheTextInsertOfTheSameRowsDoes() throws Exception {
    Random random = new Random(20261206L);
    List<Object[]> rows = new ArrayList<>();
    for (int id = 0; id < 700; id++) {
      rows.add(row(id, random));
    }
    String db = TestEngine.freshDatabase("native_vs_text");
    try (Connection c = TestEngine.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE " + db + ".batch (" + COLUMNS + ") ENGINE = MergeTree ORDER BY id");
        s.execute("CREATE TABLE " + db + ".text (" + COLUMNS + ") ENGINE = MergeTree ORDER BY id");
      }
      String marks = String.join(", ", Collections.nCopies(COLUMN_COUNT, "?"));
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO " + db + ".batch VALUES (" + marks + ")")) {
        for (Object[] row : rows) {
          for (int i = 0; i < row.length; i++) {
            p.setObject(i + 1, row[i]);
          }
          p.addBatch();
        }
        p.executeBatch();
      }
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO " + db + ".text VALUES " + text(c, db, rows));
      }
      assertThat(dump(c, db + ".batch")).isEqualTo(dump(c, db + ".text")).hasSize(700);
    }
  }

  /** The rows as SQL literals typed by the table's columns: the driver's text path. */
  private static String text(Connection c, String db, List<Object[]> rows) throws SQLException {
    List<ClickHouseType> types = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("DESCRIBE TABLE " + db + ".text")) {
      while (rs.next()) {
        types.add(ClickHouseType.parse(rs.getString("type")));
      }
    }
    StringJoiner values = new StringJoiner(", ");
    for (Object[] row : rows) {
      StringJoiner literal = new StringJoiner(", ", "(", ")");
      for (int i = 0; i < row.length; i++) {
        literal.add(SqlLiterals.render(row[i], types.get(i)));
      }
      values.add(literal.toString());
    }
    return values.toString();
  }

  private static List<String> dump(Connection c, String table) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT toString(tuple(*)) FROM "
                    + table
                    + " ORDER BY id SETTINGS"
                    + " output_format_decimal_trailing_zeros = 1")) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return lines;
  }

  private static Object[] row(int id, Random r) {
    List<Integer> nums = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      nums.add(r.nextInt(5) == 0 ? null : r.nextInt());
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      counts.put(word(r) + i, r.nextLong() >>> 1);
    }
    List<String> tags = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      tags.add(word(r));
    }
    return new Object[] {
      id,
      word(r),
      word(r),
      r.nextBoolean() ? null : word(r),
      r.nextBoolean() ? null : word(r),
      r.nextInt(256),
      r.nextBoolean() ? Long.MAX_VALUE : r.nextLong() >>> 1,
      r.nextInt(),
      r.nextLong(),
      r.nextBoolean() ? -0.0 : r.nextDouble() * 1e12 - 5e11,
      r.nextBoolean() ? null : r.nextDouble(),
      BigDecimal.valueOf(r.nextLong() % 1_000_000_000_000L, 4),
      r.nextBoolean() ? null : new BigDecimal(r.nextLong() + "." + Math.abs(r.nextInt(1000))),
      LocalDate.ofEpochDay(r.nextInt(40_000)),
      Instant.ofEpochMilli(r.nextLong(0, 9_000_000_000_000L)),
      r.nextBoolean() ? null : Instant.ofEpochMilli(r.nextLong(0, 4_000_000_000_000L)),
      r.nextBoolean(),
      new UUID(r.nextLong(), r.nextLong()),
      tags,
      nums,
      counts
    };
  }

  private static String word(Random r) {
    return WORDS[r.nextInt(WORDS.length)]
        + (r.nextBoolean() ? "" : Integer.toString(r.nextInt(99)));
  }
}
