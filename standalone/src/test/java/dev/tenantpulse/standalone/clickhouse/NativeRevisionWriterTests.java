package dev.tenantpulse.standalone.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.standalone.DataDirectory;
import dev.tenantpulse.standalone.support.RunningRuntime;
import dev.tenantpulse.warehouse.chdb.ReadOnlySessions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer against hand-written Native bytes of both layouts. Every revision-0 fixture is also
 * checked against what the real engine writes for a query of the same values, so the fixtures are
 * chDB's layout and not this test's idea of it. The engine runs on the test JVM's one data
 * directory (chDB admits one per process) without starting the runtime.
 */
class NativeRevisionWriterTests {

  private static final long GRAFANA = 54460; // what clickhouse-go v2 sends
  private static final String BLOCK_INFO = "01 00 02 ffffffff 00";
  private static ReadOnlySessions engine;

  /** One column of a block: its name, type and data, which both layouts share. */
  record Column(String name, String type, String dataHex) {}

  /** A revision-0 fixture and the query whose chDB output it must be. */
  record Case(String sql, long rows, Column column) {
    @Override
    public String toString() {
      return column.type();
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("SELECT toUInt8(1) AS c", 1, new Column("c", "UInt8", "01")),
        new Case("SELECT arrayJoin(['', 'hé']) AS c", 2, new Column("c", "String", "00 03 68c3a9")),
        new Case(
            "SELECT arrayJoin([NULL, 'x']) AS c",
            2,
            new Column("c", "Nullable(String)", "01 00" + " 00 0178")),
        new Case(
            "SELECT CAST(arrayJoin([[1, 2], [], [3]]) AS Array(UInt32)) AS c",
            3,
            new Column(
                "c",
                "Array(UInt32)",
                "0200000000000000 0200000000000000 0300000000000000"
                    + " 01000000 02000000 03000000")),
        new Case(
            "SELECT [[1], [2, 3]] AS c",
            1,
            new Column(
                "c",
                "Array(Array(UInt8))",
                "0200000000000000 0100000000000000 0300000000000000 010203")),
        new Case(
            "SELECT CAST((1, 'x') AS Tuple(a UInt8, b String)) AS c",
            1,
            new Column("c", "Tuple(a UInt8, b String)", "01 0178")),
        new Case(
            "SELECT map('k', toUInt64(7), 'l', toUInt64(8)) AS c",
            1,
            new Column(
                "c",
                "Map(String, UInt64)",
                "0200000000000000 016b 016c 0700000000000000 0800000000000000")),
        new Case(
            "SELECT toDateTime64('2024-01-02 03:04:05.678', 3, 'UTC') AS c",
            1,
            new Column("c", "DateTime64(3, 'UTC')", "2edb20c88c010000")),
        new Case(
            "SELECT toDecimal64(1.5, 4) AS c",
            1,
            new Column("c", "Decimal(18, 4)", "983a000000000000")),
        new Case(
            "SELECT toFixedString('abc', 3) AS c", 1, new Column("c", "FixedString(3)", "616263")),
        new Case(
            "SELECT CAST('b' AS Enum8('a' = 1, 'b' = 2)) AS c",
            1,
            new Column("c", "Enum8('a' = 1, 'b' = 2)", "02")),
        new Case(
            "SELECT CAST(arrayJoin([NULL, 5]) AS Nullable(Int32)) AS c",
            2,
            new Column("c", "Nullable(Int32)", "01 00 00000000 05000000")),
        // chDB writes LowCardinality in Native even with low_cardinality_allow_in_native_format=0.
        new Case(
            "SELECT toLowCardinality('x') AS c",
            1,
            new Column(
                "c",
                "LowCardinality(String)",
                "0100000000000000 0006000000000000 0200000000000000 00 0178 0100000000000000 01")),
        new Case(
            "SELECT toLowCardinality(arrayJoin([NULL, 'y', 'y'])) AS c",
            3,
            new Column(
                "c",
                "LowCardinality(Nullable(String))",
                "0100000000000000 0006000000000000 0300000000000000 00 00 0179"
                    + " 0300000000000000 00 02 02")),
        new Case(
            "SELECT [toLowCardinality('a'), toLowCardinality('b')] AS c",
            1,
            new Column(
                "c",
                "Array(LowCardinality(String))",
                "0100000000000000 0200000000000000 0006000000000000 0300000000000000 00 0161 0162"
                    + " 0200000000000000 01 02")),
        new Case(
            "SELECT map(toLowCardinality('k'), toUInt64(1)) AS c",
            1,
            new Column(
                "c",
                "Map(LowCardinality(String), UInt64)",
                "0100000000000000 0100000000000000 0006000000000000 0200000000000000 00 016b"
                    + " 0100000000000000 01 0100000000000000")),
        new Case(
            "SELECT CAST((toDateTime64(0, 3, 'UTC'), NULL) AS"
                + " Tuple(`a b` DateTime64(3, 'UTC'), c Nullable(String))) AS c",
            1,
            new Column(
                "c",
                "Tuple(`a b` DateTime64(3, 'UTC'), c Nullable(String))",
                "0000000000000000 01 00")));
  }

  @Test
  void writesBlockInfoAndCustomSerializationByteForGrafanasRevision() throws Exception {
    String chdb = "01 01 0161 055549 6e7438 01"; // SELECT 1 AS a
    assertThat(engine("SELECT 1 AS a")).isEqualTo(hex(chdb));

    assertThat(rewrite(hex(chdb), GRAFANA))
        .isEqualTo(hex(BLOCK_INFO + " 01 01 0161 055549 6e7438 00 01"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rewritesEveryColumnTypeAsTheServerWritesIt(Case c) throws Exception {
    byte[] chdb = block(c.rows(), 0, c.column());
    assertThat(engine(c.sql())).as("chDB's own bytes for %s", c.sql()).isEqualTo(chdb);

    assertThat(rewrite(chdb, GRAFANA)).isEqualTo(block(c.rows(), GRAFANA, c.column()));
  }

  @Test
  void rewritesEveryBlockOfAMultiBlockResult() throws Exception {
    byte[] chdb =
        engine(
            "SELECT number AS n, toString(number) AS s, [number] AS a FROM numbers(5)",
            Map.of("max_block_size", "2"));
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    for (long[] rows : new long[][] {{0, 1}, {2, 3}, {4}}) {
      StringBuilder n = new StringBuilder();
      StringBuilder s = new StringBuilder();
      StringBuilder offsets = new StringBuilder();
      for (int i = 0; i < rows.length; i++) {
        n.append(le64(rows[i]));
        s.append("01").append(HexFormat.of().toHexDigits((byte) ('0' + rows[i])));
        offsets.append(le64(i + 1));
      }
      Column[] columns = {
        new Column("n", "UInt64", n.toString()),
        new Column("s", "String", s.toString()),
        new Column("a", "Array(UInt64)", offsets + n.toString())
      };
      input.writeBytes(block(rows.length, 0, columns));
      output.writeBytes(block(rows.length, GRAFANA, columns));
    }
    assertThat(chdb).isEqualTo(input.toByteArray());

    assertThat(rewrite(chdb, GRAFANA)).isEqualTo(output.toByteArray());
    assertSameInAnyChunks(chdb);
  }

  @Test
  void rewritesTwoBlocksAndAZeroRowBlock() throws Exception {
    Column two = new Column("x", "UInt16", "0100 0200");
    Column none = new Column("x", "UInt16", "");
    Column one = new Column("x", "UInt16", "0300");
    byte[] input = concat(block(2, 0, two), block(0, 0, none), block(1, 0, one));

    assertThat(rewrite(input, GRAFANA))
        .isEqualTo(concat(block(2, GRAFANA, two), block(0, GRAFANA, none), block(1, GRAFANA, one)));
  }

  @Test
  void writesAnEmptyResultAsChdbDoes() throws Exception {
    byte[] chdb = engine("SELECT toUInt8(1) AS c WHERE 0");

    byte[] rewritten = rewrite(chdb, GRAFANA);

    if (chdb.length == 0) {
      assertThat(rewritten).isEmpty();
    } else {
      Column none = new Column("c", "UInt8", "");
      assertThat(chdb).isEqualTo(block(0, 0, none));
      assertThat(rewritten).isEqualTo(block(0, GRAFANA, none));
    }
  }

  @Test
  void closesAnEmptyStreamWithoutOutput() throws Exception {
    ClosingSink sink = new ClosingSink();
    new NativeRevisionWriter(sink, GRAFANA).close();

    assertThat(sink.toByteArray()).isEmpty();
    assertThat(sink.closed).isTrue();
  }

  @Test
  void rewritesABlockWithoutColumns() throws Exception {
    assertThat(rewrite(hex("00 00"), GRAFANA)).isEqualTo(hex(BLOCK_INFO + " 00 00"));
  }

  @Test
  void givesTheSameBytesHoweverTheInputIsSplit() throws Exception {
    List<byte[]> blocks = new ArrayList<>();
    cases().forEach(c -> blocks.add(block(c.rows(), 0, c.column())));
    blocks.add(block(0, 0, new Column("e", "String", "")));
    blocks.add(hex("00 00"));

    assertSameInAnyChunks(concat(blocks.toArray(byte[][]::new)));
  }

  @Test
  void refusesToCloseATruncatedStreamButWritesItsCompleteBlocks() throws Exception {
    Column column = new Column("s", "String", "0161 026263");
    byte[] input = concat(block(2, 0, column), block(2, 0, column));
    ClosingSink sink = new ClosingSink();
    NativeRevisionWriter writer = new NativeRevisionWriter(sink, GRAFANA);

    writer.write(input, 0, input.length - 1);

    assertThat(sink.toByteArray()).isEqualTo(block(2, GRAFANA, column));
    assertThatThrownBy(writer::close)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated Native stream");
    assertThat(sink.closed).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "JSON",
        "Dynamic",
        "Variant(String, UInt64)",
        "Object('json')",
        "AggregateFunction(uniq, UInt64)",
        "Array(Variant(String, UInt64))",
        "Tuple(a UInt8, b Dynamic)",
        "SomeFutureType"
      })
  void refusesATypeItCannotSizeNamingItAndAnotherFormat(String type) {
    byte[] input = block(1, 0, new Column("c", type, "00"));
    NativeRevisionWriter writer = new NativeRevisionWriter(new ByteArrayOutputStream(), GRAFANA);

    assertThatThrownBy(() -> writer.write(input))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(type)
        .hasMessageContaining("RowBinaryWithNamesAndTypes");
  }

  @Test
  void addsTheCustomSerializationByteFromRevision54454Only() throws Exception {
    Column column = new Column("a", "Int32", "07000000");
    byte[] input = block(1, 0, column);

    assertThat(rewrite(input, 54453)).isEqualTo(block(1, 54453, column));
    assertThat(rewrite(input, 54453))
        .isEqualTo(hex(BLOCK_INFO + " 01 01 0161 05496e743332 07000000"));
    assertThat(rewrite(input, 54454))
        .isEqualTo(hex(BLOCK_INFO + " 01 01 0161 05496e743332 00 07000000"));
    assertThat(rewrite(input, 0)).isEqualTo(input);
  }

  @Test
  void parsesQuotesAndParenthesesInsideTypeNames() throws Exception {
    Column enumeration = new Column("e", "Enum16('a, (b' = 1, 'it\\'s)' = 2)", "0200");
    Column tuple =
        new Column(
            "t",
            "Tuple(`x, y` FixedString(2), z Decimal(40, 2), Array(Nullable(DateTime('UTC'))))",
            "6162" + "01".repeat(32) + "0100000000000000 00 01000000");
    Column aggregate = new Column("g", "SimpleAggregateFunction(sum, UInt64)", le64(9));
    byte[] input = block(1, 0, enumeration, tuple, aggregate);

    assertThat(rewrite(input, GRAFANA)).isEqualTo(block(1, GRAFANA, enumeration, tuple, aggregate));
  }

  @Test
  void flushesTheWrappedStream() throws Exception {
    ClosingSink sink = new ClosingSink();
    NativeRevisionWriter writer = new NativeRevisionWriter(sink, GRAFANA);

    writer.flush();

    assertThat(sink.flushes).isEqualTo(1);
  }

  private static void assertSameInAnyChunks(byte[] input) throws IOException {
    byte[] oneShot = rewrite(input, GRAFANA);

    ByteArrayOutputStream bytewise = new ByteArrayOutputStream();
    try (NativeRevisionWriter writer = new NativeRevisionWriter(bytewise, GRAFANA)) {
      for (byte b : input) {
        writer.write(b);
      }
    }
    assertThat(bytewise.toByteArray()).isEqualTo(oneShot);

    Random random = new Random(20261206);
    for (int round = 0; round < 50; round++) {
      ByteArrayOutputStream chunked = new ByteArrayOutputStream();
      try (NativeRevisionWriter writer = new NativeRevisionWriter(chunked, GRAFANA)) {
        for (int at = 0; at < input.length; ) {
          int length = Math.min(input.length - at, random.nextInt(1, 40));
          writer.write(input, at, length);
          at += length;
        }
      }
      assertThat(chunked.toByteArray()).as("round %d", round).isEqualTo(oneShot);
    }
  }

  private static byte[] rewrite(byte[] input, long revision) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (NativeRevisionWriter writer = new NativeRevisionWriter(out, revision)) {
      writer.write(input);
    }
    return out.toByteArray();
  }

  /**
   * One Native block as this test writes it from ClickHouse's NativeWriter, not the writer's code.
   */
  private static byte[] block(long rows, long revision, Column... columns) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (revision > 0) {
      out.writeBytes(hex(BLOCK_INFO));
    }
    varint(out, columns.length);
    varint(out, rows);
    for (Column column : columns) {
      string(out, column.name());
      string(out, column.type());
      if (revision >= 54454) {
        out.write(0);
      }
      out.writeBytes(hex(column.dataHex()));
    }
    return out.toByteArray();
  }

  private static void string(ByteArrayOutputStream out, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    varint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  private static String le64(long value) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      hex.append(HexFormat.of().toHexDigits((byte) (value >>> (8 * i))));
    }
    return hex.toString();
  }

  private static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Arrays.stream(parts).forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static byte[] engine(String sql) throws Exception {
    return engine(sql, Map.of());
  }

  /** chDB's Native output for {@code sql}, as the HTTP interface asks for it. */
  private static synchronized byte[] engine(String sql, Map<String, String> settings)
      throws Exception {
    if (engine == null) {
      engine =
          new ReadOnlySessions(
              new DataDirectory(RunningRuntime.dataDir()).clickhouse(),
              Map.of("low_cardinality_allow_in_native_format", "0"), // as the HTTP interface
              2);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    engine.run(
        new ReadOnlySessions.Query(sql, Optional.empty(), "Native", settings, Map.of()),
        format ->
            chunk -> {
              byte[] bytes = new byte[chunk.remaining()];
              chunk.get(bytes);
              out.writeBytes(bytes);
            });
    return out.toByteArray();
  }

  @AfterAll
  static synchronized void closeEngine() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }

  /** Records whether the writer flushed and closed what it wraps. */
  private static final class ClosingSink extends ByteArrayOutputStream {
    boolean closed;
    int flushes;

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
