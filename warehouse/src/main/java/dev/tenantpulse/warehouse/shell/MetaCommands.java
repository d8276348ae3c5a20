package dev.tenantpulse.warehouse.shell;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** The shell's own commands: {@code \d}, {@code \d <table>}, {@code help}, {@code \q}. */
final class MetaCommands {

  enum Outcome {
    /** Not a command: the line is SQL. */
    SQL,
    HANDLED,
    QUIT
  }

  static final String HELP =
      """
      Statements end with ';' and may span lines. The session is read-only (readonly=1).
        \\d             tables of %s with their row counts and comments
        \\d <table>     columns of a table: types, defaults, comments
        help           this text
        \\q, exit       quit
      Results stop after --max-rows rows and statements after --timeout seconds.
      """;

  private final SqlShell shell;
  private final String database;
  private final PrintStream out;

  MetaCommands(SqlShell shell, String database, PrintStream out) {
    this.shell = shell;
    this.database = database;
    this.out = out;
  }

  Outcome handle(String line) {
    String command = line.strip();
    if (command.endsWith(";")) {
      command = command.substring(0, command.length() - 1).strip();
    }
    String word = command.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    switch (word) {
      case "\\q", "\\quit", "exit", "quit" -> {
        return command.length() == word.length() ? Outcome.QUIT : Outcome.SQL;
      }
      case "help", "\\?", "\\h" -> out.print(HELP.formatted(database));
      case "\\d" -> describe(command.substring(2).strip());
      default -> {
        return Outcome.SQL;
      }
    }
    out.flush();
    return Outcome.HANDLED;
  }

  private void describe(String target) {
    try {
      Connection connection = shell.connection();
      if (target.isEmpty()) {
        ResultGrid tables = TableCatalog.tables(connection, database);
        if (tables.rows().isEmpty()) {
          out.println("database " + database + " has no tables yet");
        } else {
          shell.printGrid(tables);
          out.println(tables.rows().size() + (tables.rows().size() == 1 ? " table" : " tables"));
        }
        return;
      }
      String db = database;
      String table = unquote(target);
      int dot = table.indexOf('.');
      if (dot > 0 && !target.startsWith("`")) {
        db = unquote(table.substring(0, dot));
        table = unquote(table.substring(dot + 1));
      }
      Optional<String> summary = TableCatalog.summary(connection, db, table);
      if (summary.isEmpty()) {
        shell.fail(
            new SQLException(
                "no table " + db + "." + table + " (\\d lists the tables of " + database + ")",
                "42S02"));
        return;
      }
      out.println(summary.get());
      shell.printGrid(TableCatalog.columns(connection, db, table));
    } catch (SQLException e) {
      shell.fail(e);
    }
  }

  private static String unquote(String name) {
    String n = name.strip();
    boolean quoted =
        (n.startsWith("`") && n.endsWith("`")) || (n.startsWith("\"") && n.endsWith("\""));
    if (n.length() > 1 && quoted) {
      return n.substring(1, n.length() - 1);
    }
    return n;
  }

  static boolean databaseExists(Connection connection, String database) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT count() FROM system.databases WHERE name = ?")) {
      s.setString(1, database);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }
}
