package dev.tenantpulse.warehouse.shell;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The shell's chDB session: opened on first use, started in the shell's database when that exists,
 * and replaced after any failed statement.
 *
 * <p>Why replaced: chDB 26.7 keeps the partial output of a statement that failed while running (a
 * timeout, a throwIf, a bad cast on row 70,000) in its session and prepends it to the next
 * statement's result, which would then show rows of the failed one. A fresh session is clean.
 */
final class ShellSession implements AutoCloseable {

  private final SqlShell.ConnectionFactory factory;
  private final String database;
  private Connection connection;

  ShellSession(SqlShell.ConnectionFactory factory, String database) {
    this.factory = factory;
    this.database = database;
  }

  Connection connection() throws SQLException {
    if (connection == null) {
      Connection opened = factory.open();
      try {
        if (MetaCommands.databaseExists(opened, database)) {
          opened.setSchema(database); // USE, which the driver allows a read-only session
        }
      } catch (SQLException e) {
        opened.close();
        throw e;
      }
      connection = opened;
    }
    return connection;
  }

  /** Drops the session after a failure; the next statement opens a clean one. */
  void reset() {
    close();
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // a session that failed: there is nothing left to do with it
      }
      connection = null;
    }
  }
}
