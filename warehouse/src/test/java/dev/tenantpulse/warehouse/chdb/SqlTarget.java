package dev.tenantpulse.warehouse.chdb;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a contract suite runs: the embedded engine ({@code jdbc:chdb:}) or a ClickHouse server
 * ({@code jdbc:clickhouse:}). The contracts hold for both, so code written against one driver
 * behaves the same on the other.
 */
interface SqlTarget {

  Connection connect() throws SQLException;

  /** Creates an empty database named after the test and returns its name. */
  String freshDatabase(String hint) throws SQLException;

  /** The embedded engine of this test JVM. */
  SqlTarget CHDB =
      new SqlTarget() {
        @Override
        public Connection connect() throws SQLException {
          return TestEngine.connect();
        }

        @Override
        public String freshDatabase(String hint) throws SQLException {
          return TestEngine.freshDatabase(hint);
        }
      };
}
