package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ?readonly=1} makes a session the engine itself keeps read-only: it reads, and nothing it
 * sends can write, create, drop or switch the mode off.
 */
class ChdbReadOnlyTests {

  private String table;

  @BeforeEach
  void createTable() throws SQLException {
    table = TestEngine.freshDatabase("readonly") + ".t";
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (x UInt8) ENGINE = MergeTree ORDER BY x");
      s.execute("INSERT INTO " + table + " VALUES (1), (2)");
    }
  }

  private static Connection readOnly() throws SQLException {
    return DriverManager.getConnection(TestEngine.url() + "?readonly=1");
  }

  private long rows() throws SQLException {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void assertRefusedAsReadOnly(Statement s, String sql) {
    assertThatThrownBy(() -> s.execute(sql))
        .as(sql)
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(164);
              assertThat(e.getSQLState()).isEqualTo("25006");
            })
        .hasMessageContaining("readonly");
  }

  @Test
  void aReadOnlyConnectionReads() throws Exception {
    try (Connection c = readOnly();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sum(x) FROM " + table)) {
      assertThat(c.isReadOnly()).isTrue();
      assertThat(c.getMetaData().isReadOnly()).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(3);
    }
  }

  @Test
  void writesAndDdlFailWithCode164() throws Exception {
    try (Connection c = readOnly();
        Statement s = c.createStatement()) {
      assertRefusedAsReadOnly(s, "INSERT INTO " + table + " VALUES (3)");
      assertRefusedAsReadOnly(s, "CREATE TABLE " + table + "_2 (x UInt8) ENGINE = Memory");
      assertRefusedAsReadOnly(s, "DROP TABLE " + table);
      assertRefusedAsReadOnly(s, "TRUNCATE TABLE " + table);
    }
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void theSessionCannotSwitchReadOnlyOff() throws Exception {
    try (Connection c = readOnly();
        Statement s = c.createStatement()) {
      assertRefusedAsReadOnly(s, "SET readonly = 0");
      assertRefusedAsReadOnly(s, "INSERT INTO " + table + " SETTINGS readonly = 0 VALUES (3)");
      assertRefusedAsReadOnly(s, "SELECT 1 SETTINGS readonly = 0");
      assertThatThrownBy(() -> c.setReadOnly(false)).isInstanceOf(SQLException.class);
      assertRefusedAsReadOnly(s, "INSERT INTO " + table + " VALUES (3)");
    }
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void aSecondStatementCannotDropThroughAReadOnlyConnection() throws Exception {
    try (Connection c = readOnly();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("SELECT 1; DROP TABLE " + table))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> s.execute("SELECT 1;\nDROP TABLE " + table + ";"))
          .isInstanceOf(SQLException.class);
    }
    assertThat(rows()).isEqualTo(2);
  }

  @Test
  void intoOutfileCannotWriteAFileThroughAReadOnlyConnection(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path file = dir.resolve("leak.csv");
    try (Connection c = readOnly();
        Statement s = c.createStatement()) {
      // The engine's readonly=1 lets INTO OUTFILE write files; the driver must stop it.
      assertRefusedAsReadOnly(
          s, "SELECT * FROM " + table + " INTO OUTFILE '" + file + "' FORMAT CSV");
      assertRefusedAsReadOnly(s, "KILL QUERY WHERE 1");
    }
    assertThat(file).doesNotExist();
  }
}
