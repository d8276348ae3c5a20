package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Read-only queries for network clients: streamed, bound, limited by their session's settings. */
class ReadOnlySessionsTests {

  private static ReadOnlySessions sessions;
  private static String database;

  @BeforeAll
  static void open() throws Exception {
    database = TestEngine.freshDatabase("read_only_sessions");
    try (var c = TestEngine.connect();
        var s = c.createStatement()) {
      s.execute("CREATE TABLE " + database + ".t (x UInt32) ENGINE = MergeTree ORDER BY x");
      s.execute("INSERT INTO " + database + ".t SELECT number FROM numbers(10)");
    }
    sessions = new ReadOnlySessions(TestEngine.dataDir(), Map.of("max_execution_time", "30"), 2);
  }

  @AfterAll
  static void close() {
    sessions.close();
  }

  private record Ran(String format, String text, ReadOnlySessions.Summary summary) {}

  private static Ran run(String sql, Map<String, String> settings, Map<String, String> params)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] format = new String[1];
    ReadOnlySessions.Summary summary =
        sessions.run(
            new ReadOnlySessions.Query(sql, Optional.of(database), "TSV", settings, params),
            f -> {
              format[0] = f;
              return chunk -> {
                byte[] bytes = new byte[chunk.remaining()];
                chunk.get(bytes);
                out.writeBytes(bytes);
              };
            });
    return new Ran(format[0], out.toString(StandardCharsets.UTF_8), summary);
  }

  @Test
  void streamsAResultInTheRequestedFormatOrTheStatementsOwn() throws Exception {
    Ran plain = run("SELECT sum(x) FROM t", Map.of(), Map.of());
    Ran own = run("SELECT sum(x) AS s FROM t FORMAT JSONEachRow", Map.of(), Map.of());
    Ran notAFormat = run("SHOW TABLES FROM " + database, Map.of(), Map.of());

    assertThat(plain.format()).isEqualTo("TSV");
    assertThat(plain.text()).isEqualTo("45\n");
    assertThat(plain.summary().resultRows()).isEqualTo(1);
    assertThat(plain.summary().resultBytes()).isEqualTo(3);
    assertThat(own.format()).isEqualTo("JSONEachRow");
    assertThat(own.text()).startsWith("{\"s\":").contains("45").endsWith("}\n");
    assertThat(notAFormat.format()).isEqualTo("TSV");
    assertThat(notAFormat.text()).isEqualTo("t\n");
  }

  @Test
  void bindsParametersInTheEngineWhereverTheStatementUsesThem() throws Exception {
    Ran top = run("SELECT {v:String} AS v", Map.of(), Map.of("v", "it's"));
    Ran withSubquery =
        run("SELECT {v:String} AS v, (SELECT count() FROM t) AS n", Map.of(), Map.of("v", "x"));
    Ran inWhere = run("SELECT count() FROM t WHERE x < {n:UInt32}", Map.of(), Map.of("n", "3"));

    assertThat(top.text()).isEqualTo("it\\'s\n");
    assertThat(withSubquery.text()).isEqualTo("x\t10\n");
    assertThat(inWhere.text()).isEqualTo("3\n");
  }

  @Test
  void appliesTheQuerysSettingsToItsSessionOnly() throws Exception {
    Ran limited =
        run("SELECT getSetting('max_result_rows')", Map.of("max_result_rows", "7"), Map.of());
    Ran plain = run("SELECT getSetting('max_result_rows')", Map.of(), Map.of());
    Ran readonly = run("SELECT getSetting('readonly')", Map.of(), Map.of());

    assertThat(limited.text()).isEqualTo("7\n");
    assertThat(plain.text()).isEqualTo("0\n");
    assertThat(readonly.text()).isEqualTo("1\n");
    assertThat(sessions.idleSessions()).isBetween(1, 2);
  }

  @Test
  void aStreamedResultInAFormatWithAHeaderCarriesItOnce() throws Exception {
    Map<String, String> smallBlocks = Map.of("max_block_size", "1000");
    Ran tsv =
        run(
            "SELECT number AS n FROM numbers(50000) FORMAT TSVWithNamesAndTypes",
            smallBlocks,
            Map.of());
    Ran csv =
        run("SELECT number AS n FROM numbers(50000) FORMAT CSVWithNames", smallBlocks, Map.of());
    Ran binary =
        run(
            "SELECT toUInt8(number % 200) AS n FROM numbers(50000)"
                + " FORMAT RowBinaryWithNamesAndTypes",
            smallBlocks, Map.of());

    assertThat(tsv.text().lines().filter(line -> line.equals("n")).count()).isEqualTo(1);
    assertThat(tsv.text().lines().count()).isEqualTo(50_002);
    assertThat(csv.text().lines().count()).isEqualTo(50_001);
    // header: 1 column, "n", "UInt8" = 1 + 2 + 6 bytes; then one byte a row
    assertThat(binary.summary().resultBytes()).isEqualTo(9 + 50_000);
  }

  @Test
  void aOneDocumentFormatIsOneDocumentHoweverManyBlocks() throws Exception {
    Ran json =
        run(
            "SELECT number AS n FROM numbers(50000) FORMAT JSONCompact",
            Map.of("max_block_size", "1000"),
            Map.of());

    assertThat(json.text().indexOf("\"meta\"")).isEqualTo(json.text().lastIndexOf("\"meta\""));
    assertThat(json.text()).contains("\"rows\": 50000");
  }

  @Test
  void refusesWritesAndAStatementsOwnSettings() {
    assertThatThrownBy(() -> run("INSERT INTO t VALUES (99)", Map.of(), Map.of()))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(164));
    assertThatThrownBy(() -> run("SELECT 1 SETTINGS max_threads = 1", Map.of(), Map.of()))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(164));
  }

  @Test
  void refusesAMalformedParameterNameOrSettingBeforeTheEngineSeesIt() {
    assertThatThrownBy(() -> run("SELECT 1", Map.of(), Map.of("a b", "1")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("identifiers");
    assertThatThrownBy(() -> run("SELECT 1", Map.of("max threads", "1"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
