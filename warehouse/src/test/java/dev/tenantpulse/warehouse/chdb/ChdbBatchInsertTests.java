package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * executeBatch on {@code INSERT ... VALUES (?, ...)} is ONE insert: one block number in the
 * MergeTree (ClickHouse numbers every insert, and merges never create a part with a single new
 * number), all rows or none, and a failure that names the row.
 */
class ChdbBatchInsertTests {

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  /** Inserts so far: block numbers are handed out one per INSERT, starting at 1. */
  private static long inserts(Connection c, String db, String table) throws SQLException {
    return scalar(
        c,
        "SELECT max(max_block_number) FROM system.parts WHERE database = '"
            + db
            + "' AND table = '"
            + table
            + "'");
  }

  private static String table(Connection c, String db, String columns) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + db + ".t (" + columns + ") ENGINE = MergeTree ORDER BY tuple()");
    }
    return db + ".t";
  }

  @Test
  void aBatchIsOneInsertWhereSingleExecutesAreOneEach() throws Exception {
    String batched = TestEngine.freshDatabase("batch_one");
    String single = TestEngine.freshDatabase("batch_single");
    try (Connection c = TestEngine.connect()) {
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO " + table(c, batched, "id UInt32, v String") + " VALUES (?, ?)")) {
        for (int i = 0; i < 1000; i++) {
          p.setInt(1, i);
          p.setString(2, "row " + i);
          p.addBatch();
        }
        assertThat(p.executeBatch()).hasSize(1000).containsOnly(Statement.SUCCESS_NO_INFO);
      }
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO " + table(c, single, "id UInt32, v String") + " VALUES (?, ?)")) {
        for (int i = 0; i < 3; i++) {
          p.setInt(1, i);
          p.setString(2, "row " + i);
          p.executeUpdate();
        }
      }
      assertThat(scalar(c, "SELECT count() FROM " + batched + ".t")).isEqualTo(1000);
      assertThat(inserts(c, batched, "t")).isEqualTo(1);
      assertThat(inserts(c, single, "t")).isEqualTo(3);
    }
  }

  @Test
  void aRowTheEngineRejectsFailsTheWholeBatchAndIsNamed() throws Exception {
    String db = TestEngine.freshDatabase("batch_atomic");
    try (Connection c = TestEngine.connect()) {
      String t = table(c, db, "id UInt32, CONSTRAINT small CHECK id < 100");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " (id) VALUES (?)")) {
        for (int id : List.of(1, 2, 3, 4, 500)) {
          p.setInt(1, id);
          p.addBatch();
        }
        assertThatThrownBy(p::executeBatch)
            .isInstanceOfSatisfying(
                BatchUpdateException.class,
                e -> {
                  assertThat(e.getErrorCode()).isEqualTo(469); // VIOLATED_CONSTRAINT
                  assertThat(e.getUpdateCounts()).isEmpty();
                })
            .hasMessageContaining("violated at row 5")
            .hasMessageContaining("id = 500");
      }
      assertThat(scalar(c, "SELECT count() FROM " + t)).isZero();
    }
  }

  @Test
  void aRowThatDoesNotFitItsColumnIsNamedAndNothingIsSent() throws Exception {
    String db = TestEngine.freshDatabase("batch_misfit");
    try (Connection c = TestEngine.connect()) {
      String t = table(c, db, "id UInt32, v String");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
        for (Object id : List.of(1, 2, "three")) {
          p.setObject(1, id);
          p.setString(2, "x");
          p.addBatch();
        }
        assertThatThrownBy(p::executeBatch)
            .isInstanceOf(BatchUpdateException.class)
            .hasMessageContaining("batch row 3")
            .hasMessageContaining(t);
        // The statement stays usable: the failed batch is cleared, a good one goes in.
        p.setInt(1, 7);
        p.setString(2, "ok");
        p.addBatch();
        p.executeBatch();
      }
      assertThat(scalar(c, "SELECT count() FROM " + t)).isEqualTo(1);
      assertThat(inserts(c, db, "t")).isEqualTo(1);
    }
  }

  @Test
  void columnsWithoutABinaryEncodingFallBackToOneTextInsert() throws Exception {
    String db = TestEngine.freshDatabase("batch_text");
    try (Connection c = TestEngine.connect()) {
      String t =
          table(
              c,
              db,
              "id UInt32, kind Enum8('trial' = 1, 'paid' = 2), pair Tuple(UInt8, String),"
                  + " ip IPv4");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?, ?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          p.setInt(1, i);
          p.setString(2, i == 2 ? "paid" : "trial");
          p.setObject(3, List.of(i, "it's " + i));
          p.setString(4, "10.0.0." + i);
          p.addBatch();
        }
        p.executeBatch();
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT kind, pair, ip FROM " + t + " ORDER BY id")) {
        for (int i = 1; i <= 3; i++) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("kind")).isEqualTo(i == 2 ? "paid" : "trial");
          assertThat(rs.getObject("pair")).isEqualTo(List.of((short) i, "it's " + i));
          assertThat(rs.getString("ip")).isEqualTo("10.0.0." + i);
        }
        assertThat(rs.next()).isFalse();
      }
      assertThat(inserts(c, db, "t")).isEqualTo(1);
    }
  }

  @Test
  void insertsAreSynchronousSoPlainInsertsAfterStreamedBatchesAlwaysWork() throws Exception {
    String db = TestEngine.freshDatabase("batch_then_plain");
    try (Connection c = TestEngine.connect()) {
      // the engine's default is 1 (server-side buffering); the driver's sessions turn it off
      assertThat(
              scalar(c, "SELECT toUInt8(value) FROM system.settings WHERE name = 'async_insert'"))
          .isZero();
      String t = table(c, db, "id UInt32, v String");
      for (int round = 0; round < 20; round++) {
        try (PreparedStatement batch = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
          for (int i = 0; i < 50; i++) {
            batch.setInt(1, round * 100 + i);
            batch.setString(2, "batch");
            batch.addBatch();
          }
          batch.executeBatch();
        }
        try (PreparedStatement plain = c.prepareStatement("INSERT INTO " + t + " VALUES (?, ?)")) {
          plain.setInt(1, round * 100 + 99);
          plain.setString(2, "plain");
          assertThat(plain.executeUpdate()).isGreaterThanOrEqualTo(0);
        }
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO " + t + " VALUES (" + (round * 100 + 98) + ", 'inline')");
        }
      }
      assertThat(scalar(c, "SELECT count() FROM " + t)).isEqualTo(20 * 52);
    }
  }
}
