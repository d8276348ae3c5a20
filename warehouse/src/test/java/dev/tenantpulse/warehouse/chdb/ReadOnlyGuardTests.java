package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read-only session runs one reading statement and nothing else, whatever comment, string or
 * statement form hides the rest: the engine's parser decides, and a text it cannot read is refused.
 */
class ReadOnlyGuardTests {

  /** How a refusal looks: read-only (164), the parser's syntax error (62) or too large (229). */
  private static final Set<Integer> REFUSAL_CODES = Set.of(164, 62, 229);

  @TempDir Path watched;
  private String table;

  @BeforeEach
  void createTable() throws SQLException {
    table = TestEngine.freshDatabase("guard") + ".t";
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (x UInt8) ENGINE = MergeTree ORDER BY x");
      s.execute("INSERT INTO " + table + " VALUES (1), (2)");
    }
  }

  /**
   * A session like the console's: limits set, then read-only (so its statements cannot lift them).
   */
  private static Connection readOnly() throws SQLException {
    return DriverManager.getConnection(
        TestEngine.url() + "?max_result_rows=1000&result_overflow_mode=break&readonly=1");
  }

  @Test
  void refusesEveryGeneratedHostileTextAndWritesNothing() throws Exception {
    List<String> texts = HostileSql.all(table, watched);
    assertThat(texts).hasSizeGreaterThanOrEqualTo(300);
    Set<Path> workingDirBefore = listing(Path.of("").toAbsolutePath());
    List<String> ran = new ArrayList<>();
    try (Connection c = readOnly();
        Statement s = c.createStatement()) {
      for (String sql : texts) {
        try {
          s.execute(sql);
          ran.add(sql);
        } catch (SQLException e) {
          if (!REFUSAL_CODES.contains(e.getErrorCode())) {
            ran.add(sql + "  -> not refused but failed with " + e.getErrorCode() + ": " + e);
          }
        }
      }
    }
    assertThat(ran).as("texts that ran or reached the engine").isEmpty();
    assertThat(listing(watched)).as("files written under the watched directory").isEmpty();
    assertThat(listing(Path.of("").toAbsolutePath())).isEqualTo(workingDirBefore);
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void runsReadsThatOnlyMentionForbiddenThingsInStringsOrComments() throws Exception {
    try (Connection c = readOnly();
        Statement s = c.createStatement()) {
      for (String sql : HostileSql.lookAlikes(table)) {
        assertThat(s.execute(sql)).as(sql).isTrue();
      }
    }
  }

  @Test
  void theReportedOutfileBehindAHashCommentIsRefusedWithTheParsersMessage() throws Exception {
    Path file = watched.resolve("p.txt");
    try (Connection c = readOnly();
        Statement s = c.createStatement()) {
      assertThatThrownBy(
              () ->
                  s.execute(
                      "SELECT 'x' INTO OUTFILE '"
                          + file
                          + "' TRUNCATE FORMAT RawBLOB # '\nSELEC broken"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(62))
          .hasMessageContaining("Syntax error");
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void aClientCommandIsNotRunAsAFileOfSql() throws Exception {
    Path script = watched.resolve("script.sql");
    Files.writeString(script, "SELECT 'x' INTO OUTFILE '" + watched.resolve("out.txt") + "'");
    try (Connection c = readOnly();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("\\i " + script)).isInstanceOf(SQLException.class);
    }
    assertThat(watched.resolve("out.txt")).doesNotExist();
  }

  @Test
  void theHostsFilesAreNotReadable() throws Exception {
    try (Connection c = readOnly();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("SELECT file('/etc/hostname')"))
          .hasMessageContaining("function file reaches the host's files");
      assertThatThrownBy(() -> s.execute("SELECT * FROM url('http://127.0.0.1:9/', 'RawBLOB')"))
          .hasMessageContaining("table function url");
    }
  }

  @Test
  void aTextLongerThanTheEnginesQueryLimitIsRefusedBeforeParsing() throws Exception {
    String huge = "SELECT '" + "x".repeat(ReadOnlyGuard.MAX_QUERY_BYTES) + "'";
    try (Connection c = readOnly();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute(huge))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(229));
    }
  }

  @Test
  void aResultLargerThanTheOutputCapIsRefusedBeforeItReachesTheHeap() throws Exception {
    try (Connection c =
            DriverManager.getConnection(TestEngine.url() + "?max_output_bytes=100000&readonly=1");
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("SELECT repeat('x', 1000) FROM numbers(300)"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(396))
          .hasMessageContaining("max_output_bytes");
      try (ResultSet rs = s.executeQuery("SELECT repeat('x', 1000) FROM numbers(10)")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
        }
        assertThat(rows).isEqualTo(10);
      }
    }
  }

  @Test
  void aTupleWithAQuotedElementNameIsReadNotAnError() throws Exception {
    try (Connection c = readOnly();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CAST(tuple(1), 'Tuple(`a(` UInt8)') AS t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).contains("1");
    }
  }

  private long count() throws SQLException {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Set<Path> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return Set.copyOf(files.toList());
    }
  }
}
