package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing is final, idempotent and cascades; the engine keeps to its one data directory. */
class ChdbLifecycleTests {

  private static void assertConnectionClosed(ThrowingCall call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08003"))
        .hasMessageContaining("closed");
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void aClosedConnectionRefusesWorkWithSqlState08003() throws Exception {
    Connection c = TestEngine.connect();
    Statement s = c.createStatement();
    PreparedStatement p = c.prepareStatement("SELECT ?");
    c.close();
    assertThat(c.isClosed()).isTrue();
    assertThat(c.isValid(1)).isFalse();
    assertConnectionClosed(c::createStatement);
    assertConnectionClosed(() -> c.prepareStatement("SELECT 1"));
    assertConnectionClosed(c::getMetaData);
    assertConnectionClosed(() -> c.unwrap(ChdbConnection.class).nativeConnection());
    assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> p.setInt(1, 1)).isInstanceOf(SQLException.class);
  }

  @Test
  void closingAConnectionClosesItsStatementsAndResultSets() throws Exception {
    Connection c = TestEngine.connect();
    Statement s = c.createStatement();
    ResultSet rs = s.executeQuery("SELECT number FROM numbers(3)");
    c.close();
    assertThat(s.isClosed()).isTrue();
    assertThat(rs.isClosed()).isTrue();
    assertThatThrownBy(rs::next).isInstanceOf(SQLException.class);
  }

  @Test
  void closingAStatementClosesItsResultSetAndANewQueryClosesTheLast() throws Exception {
    try (Connection c = TestEngine.connect()) {
      Statement s = c.createStatement();
      ResultSet first = s.executeQuery("SELECT 1");
      ResultSet second = s.executeQuery("SELECT 2");
      assertThat(first.isClosed()).isTrue();
      assertThat(second.isClosed()).isFalse();
      s.close();
      assertThat(s.isClosed()).isTrue();
      assertThat(second.isClosed()).isTrue();
      assertThat(c.isClosed()).isFalse();
      assertThatThrownBy(() -> s.executeQuery("SELECT 3"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("statement is closed");
    }
  }

  @Test
  void closingTwiceIsHarmless() throws Exception {
    Connection c = TestEngine.connect();
    Statement s = c.createStatement();
    ResultSet rs = s.executeQuery("SELECT 1");
    assertThatCode(
            () -> {
              rs.close();
              rs.close();
              s.close();
              s.close();
              c.close();
              c.close();
              c.abort(Runnable::run);
            })
        .doesNotThrowAnyException();
    assertThat(c.isClosed()).isTrue();
    try (Connection next = TestEngine.connect()) {
      assertThat(next.isValid(1)).isTrue();
    }
  }

  @Test
  void aSecondDataDirectoryInTheSameJvmIsRefusedClearly(@TempDir Path other) throws Exception {
    try (Connection booted = TestEngine.connect()) {
      assertThat(booted.isValid(1)).isTrue(); // the engine now runs on TestEngine's directory
    }
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:chdb:" + other))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
        .hasMessageContaining("one engine per process")
        .hasMessageContaining(TestEngine.dataDir().toAbsolutePath().normalize().toString())
        .hasMessageContaining(other.toString());
    try (Connection again = TestEngine.connect()) {
      assertThat(again.isValid(1)).as("the booted engine still serves").isTrue();
    }
  }
}
