package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Engine errors arrive as SQLExceptions carrying ClickHouse's code and its own text. */
class ChdbErrorTests {

  @Test
  void aSyntaxErrorIsAnSqlSyntaxErrorWithCode62() throws Exception {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELEC 1"))
          .isInstanceOfSatisfying(
              SQLSyntaxErrorException.class,
              e -> {
                assertThat(e.getErrorCode()).isEqualTo(62);
                assertThat(e.getSQLState()).isEqualTo("42000");
              })
          .hasMessageContaining("Syntax error")
          .hasMessageContaining("SYNTAX_ERROR");
    }
  }

  @Test
  void anUnknownTableHasCode60AndIsNamed() throws Exception {
    String db = TestEngine.freshDatabase("errors");
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM " + db + ".missing"))
          .isInstanceOfSatisfying(
              SQLSyntaxErrorException.class, e -> assertThat(e.getErrorCode()).isEqualTo(60))
          .hasMessageContaining(db + ".missing")
          .hasMessageContaining("UNKNOWN_TABLE");
    }
  }

  /**
   * A query that fails while running has already written its header; chDB would hand that to the
   * next query on the connection as the start of its own output.
   */
  @Test
  void aQueryThatFailsWhileRunningLeavesNothingBehindForTheNext() throws Exception {
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("SELECT throwIf(1, 'boom') AS failed"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("boom");
      try (ResultSet rs = s.executeQuery("SELECT 41 + 1 AS answer")) {
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
        assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("answer");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
        assertThat(rs.next()).isFalse();
      }
    }
  }

  /**
   * chDB itself would run both statements (a ClickHouse server refuses), and the second could be a
   * DROP: the driver refuses the whole string before the engine sees it.
   */
  @Test
  void aStringOfSeveralStatementsIsRefusedAndRunsNothing() throws Exception {
    String db = TestEngine.freshDatabase("multi");
    try (Connection c = TestEngine.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + db + ".t (x UInt8) ENGINE = MergeTree ORDER BY x");
      s.execute("INSERT INTO " + db + ".t VALUES (1)");
      assertThatThrownBy(() -> s.execute("SELECT 1; DROP TABLE " + db + ".t"))
          .isInstanceOfSatisfying(
              SQLSyntaxErrorException.class, e -> assertThat(e.getErrorCode()).isEqualTo(62))
          .hasMessageContaining("one statement");
      assertThatThrownBy(() -> s.execute("INSERT INTO " + db + ".t VALUES (2);TRUNCATE " + db))
          .isInstanceOf(SQLSyntaxErrorException.class);
      try (ResultSet rs = s.executeQuery("SELECT count() FROM " + db + ".t;  -- one row\n")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
  }
}
