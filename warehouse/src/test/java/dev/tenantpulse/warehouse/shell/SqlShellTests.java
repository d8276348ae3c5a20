package dev.tenantpulse.warehouse.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.warehouse.chdb.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell's loop against the test JVM's one chDB engine (its data directory, a database of its
 * own), with a string for stdin and buffers for stdout and stderr.
 */
class SqlShellTests {

  private static String db;

  @BeforeAll
  static void createTables() throws SQLException {
    db = TestEngine.freshDatabase("shell");
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE "
              + db
              + ".usage (tenant_id String COMMENT 'the tenant', meter LowCardinality(String),"
              + " quantity Nullable(Float64)) ENGINE = MergeTree ORDER BY (tenant_id, meter)"
              + " COMMENT 'usage per tenant'");
      s.execute(
          "INSERT INTO "
              + db
              + ".usage VALUES ('acme', 'api_calls', 1200), ('globex', 'api_calls', NULL)");
    }
  }

  /** One run of the shell: its exit status and what it printed. */
  private record Run(int status, String out, String err) {}

  private static Run shell(String stdin, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--data", TestEngine.dataDir().toString()));
    all.addAll(List.of("--database", db));
    all.addAll(List.of(args));
    ShellOptions options = ShellOptions.parse(all, Map.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      SqlShell shell =
          new SqlShell(options, () -> DriverManager.getConnection(options.url()), o, e, false);
      int status =
          options.execute().isPresent()
              ? shell.execute(options.execute().get())
              : shell.repl(new StringReader(stdin));
      return new Run(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void runsAOneShotSelectAsATable() throws Exception {
    Run run =
        shell("", "-e", "SELECT tenant_id, quantity FROM usage ORDER BY tenant_id -- unqualified");

    assertThat(run.status()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith(
            """
             tenant_id | quantity
            -----------+----------
             acme      |     1200
             globex    |     NULL
            """)
        .containsPattern("\n2 rows in \\d+\\.\\d{3} s\n$");
  }

  @Test
  void runsAStatementSpanningLines() throws Exception {
    Run run = shell("SELECT\n  count() AS n\nFROM usage\n;\n");

    assertThat(run.out()).contains(" n\n---\n 2\n").contains("1 row in ");
  }

  @Test
  void listsTablesWithRowCountsAndComments() throws Exception {
    Run run = shell("\\d\n");

    assertThat(run.out())
        .contains(" name  | engine    | total_rows | comment")
        .contains(" usage | MergeTree |          2 | usage per tenant");
    assertThat(shell("", "-e", "\\d").out()).isEqualTo(run.out());
  }

  @Test
  void describesATable() throws Exception {
    Run run = shell("\\d usage\n");

    assertThat(run.out())
        .startsWith(
            db + ".usage: MergeTree, ORDER BY (tenant_id, meter), 2 rows — usage per tenant")
        .containsPattern("tenant_id +\\| String +\\| +\\| +\\| the tenant")
        .contains("quantity  | Nullable(Float64)");
    assertThat(shell("\\d nope\n").err()).contains("ERROR 42S02: no table " + db + ".nope");
  }

  @Test
  void refusesWrites() throws Exception {
    Run run = shell("INSERT INTO usage VALUES ('x', 'y', 1);\nDROP TABLE usage;\n");

    assertThat(run.err().lines())
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).startsWith("ERROR 164: read-only session (readonly=1): "));
    assertThat(run.status()).isEqualTo(1);
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count() FROM " + db + ".usage")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(2);
    }
  }

  @Test
  void refusesToWriteAFileThroughIntoOutfile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out.txt");

    Run run = shell("SELECT 1 INTO OUTFILE '" + file + "';\n");

    assertThat(run.err())
        .startsWith("ERROR 164: read-only session (readonly=1): INTO OUTFILE writes a file");
    assertThat(file).doesNotExist();
  }

  @Test
  void printsOneErrorLineForBadSqlAndGoesOn() throws Exception {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    ShellOptions options =
        ShellOptions.parse(
            List.of("--data", TestEngine.dataDir().toString(), "--database", db), Map.of());
    try (PrintStream p = new PrintStream(both, true, StandardCharsets.UTF_8)) {
      int status =
          new SqlShell(options, () -> DriverManager.getConnection(options.url()), p, p, false)
              .repl(new StringReader("SELEC 1;\nSELECT 42 AS answer;\n"));
      assertThat(status).isEqualTo(1);
    }

    List<String> lines = both.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).startsWith("ERROR 62: Syntax error");
    assertThat(lines.subList(1, lines.size())).startsWith(" answer", "--------", "     42");
  }

  @Test
  void aStatementAfterOneThatFailedWhileRunningGetsOnlyItsOwnRows() throws Exception {
    // chDB keeps a failed statement's partial output in its session; the shell must not show it.
    Run run =
        shell(
            "SELECT number FROM numbers(1000000) WHERE throwIf(number = 900000) = 0 AND number % 300000 = 0;"
                + "\nSELECT 7 AS seven;\n");

    assertThat(run.err()).startsWith("ERROR 395: ");
    assertThat(run.out()).startsWith(" seven\n-------\n     7\n1 row in ");
  }

  @Test
  void stopsAStatementAtTheTimeout() throws Exception {
    Run run = shell("", "--timeout", "1", "-e", "SELECT sum(number) FROM numbers(1000000000000)");

    assertThat(run.err()).startsWith("ERROR 159: Timeout exceeded");
    assertThat(run.status()).isEqualTo(1);
  }

  @Test
  void cutsAResultAtTheRowLimitAndSaysSo() throws Exception {
    Run run = shell("", "--max-rows", "5", "-e", "SELECT number FROM numbers(100000)");

    assertThat(run.out().lines().filter(l -> l.matches(" +\\d+"))).hasSize(5);
    assertThat(run.out()).contains("5 rows in ").contains("cut at 5 rows");
  }

  @Test
  void printsCsvForProgramsWithTheFooterOnStderr() throws Exception {
    Run run =
        shell("", "--format", "csv", "-e", "SELECT tenant_id, quantity FROM usage ORDER BY 1");

    assertThat(run.out()).isEqualTo("tenant_id,quantity\nacme,1200\nglobex,\n");
    assertThat(run.err()).startsWith("2 rows in ");
  }

  @Test
  void worksBeforeTheSchemaExists() throws Exception {
    Run run = shell("\\d\nSELECT 1 AS one;\n", "--database", "not_created_yet");

    assertThat(run.status()).isZero();
    assertThat(run.out())
        .startsWith("database not_created_yet has no tables yet\n")
        .contains(" 1\n");
  }
}
