package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bound value is data, never SQL: whatever a string holds, it is stored verbatim, compared
 * verbatim, and the statement around it stays the statement the code wrote.
 */
abstract class BoundValueContract {

  /** Strings that break naive quoting: each must come back byte for byte. */
  static final List<String> HOSTILE =
      List.of(
          "x'); DROP TABLE notes; --",
          "' OR 1=1 --",
          "'",
          "''",
          "\\",
          "\\'",
          "ends with a backslash \\",
          "a\\nb is not a newline",
          "\\x41\\0 are not escapes",
          "line one\nline two\r\nline three",
          "tab\there",
          "nul\0byte",
          "\"double\" and `back` quotes",
          "/* not a comment */ -- nor this",
          "semicolon; SELECT 1",
          "? and ?? are not placeholders",
          "{name:String} is not a server parameter",
          "ünïcödé ✓ 𝄞 中文 emoji 🎉",
          "");

  abstract SqlTarget target();

  private String notesTable(Connection c) throws SQLException {
    String table = target().freshDatabase("bound") + ".notes";
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id UInt32, v String) ENGINE = MergeTree ORDER BY id");
    }
    return table;
  }

  private static List<String> stored(Connection c, String table) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  @Test
  void boundStringsAreStoredVerbatimOneExecuteAtATime() throws Exception {
    try (Connection c = target().connect()) {
      String table = notesTable(c);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
        for (int i = 0; i < HOSTILE.size(); i++) {
          p.setInt(1, i);
          p.setString(2, HOSTILE.get(i));
          p.executeUpdate();
        }
      }
      assertThat(stored(c, table)).containsExactlyElementsOf(HOSTILE);
    }
  }

  @Test
  void boundStringsAreStoredVerbatimInOneBatch() throws Exception {
    try (Connection c = target().connect()) {
      String table = notesTable(c);
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO " + table + " (id, v) VALUES (?, ?)")) {
        for (int i = 0; i < HOSTILE.size(); i++) {
          p.setInt(1, i);
          p.setString(2, HOSTILE.get(i));
          p.addBatch();
        }
        p.executeBatch();
      }
      assertThat(stored(c, table)).containsExactlyElementsOf(HOSTILE);
    }
  }

  @Test
  void boundStringInAWhereClauseMatchesOnlyItself() throws Exception {
    try (Connection c = target().connect()) {
      String table = notesTable(c);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b')");
      }
      try (PreparedStatement p =
          c.prepareStatement("SELECT count() FROM " + table + " WHERE v = ?")) {
        p.setString(1, "' OR 1=1 --");
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isZero();
        }
        p.setString(1, "x'); DROP TABLE " + table + "; --");
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isZero();
        }
      }
      assertThat(stored(c, table)).containsExactly("a", "b");
    }
  }

  @Test
  void questionMarksInLiteralsAndCommentsAreNotPlaceholders() throws Exception {
    try (Connection c = target().connect();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT '?' AS literal, 'it''s ?' AS doubled, ? AS bound /* ? */ -- ?\n")) {
      p.setString(1, "value");
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("literal")).isEqualTo("?");
        assertThat(rs.getString("doubled")).isEqualTo("it's ?");
        assertThat(rs.getString("bound")).isEqualTo("value");
      }
    }
  }
}
