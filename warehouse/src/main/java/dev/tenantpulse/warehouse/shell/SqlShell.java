package dev.tenantpulse.warehouse.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The analyst SQL shell: read-only SQL over the embedded ClickHouse (chDB) data directory.
 *
 * <p>It reads statements from a {@link Reader} (a terminal, a pipe, or a test's string) and prints
 * results to {@code out}; errors become one {@code ERROR <code>: <message>} line on {@code err} and
 * the loop goes on. The session is opened with readonly=1, so the engine itself refuses writes.
 */
public final class SqlShell {

  /** Opens the session the shell runs statements on. */
  @FunctionalInterface
  public interface ConnectionFactory {
    Connection open() throws SQLException;
  }

  private static final String PROMPT = "tenant_pulse> ";
  private static final String CONTINUATION = "         ...> ";

  private final ShellOptions options;
  private final ShellSession session;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;
  private final TableFormatter table = new TableFormatter();
  private final MetaCommands meta;
  private int failures;

  public SqlShell(
      ShellOptions options,
      ConnectionFactory connections,
      PrintStream out,
      PrintStream err,
      boolean interactive) {
    this.options = options;
    this.session = new ShellSession(connections, options.database());
    this.out = out;
    this.err = err;
    this.interactive = interactive;
    this.meta = new MetaCommands(this, options.database(), out);
  }

  public static void main(String[] args) {
    System.exit(launch(List.of(args)));
  }

  private static int launch(List<String> args) {
    ShellOptions options;
    try {
      options = ShellOptions.parse(args, System.getenv());
    } catch (ShellOptions.UsageException e) {
      System.err.println("sql: " + e.getMessage());
      System.err.println("Run with --help for the options.");
      return 2;
    }
    if (options.help()) {
      System.out.print(ShellOptions.usage());
      return 0;
    }
    if (!Files.isDirectory(options.dataDir())) {
      System.err.println(
          "ERROR: no data directory at "
              + options.dataDir().toAbsolutePath()
              + " (run Tenant Pulse once to create it, or pass --data <dir>)");
      return 2;
    }
    boolean interactive = options.execute().isEmpty() && System.console() != null;
    SqlShell shell =
        new SqlShell(
            options,
            () -> DriverManager.getConnection(options.url()),
            System.out,
            System.err,
            interactive);
    if (options.execute().isPresent()) {
      return shell.execute(options.execute().get());
    }
    try {
      return shell.repl(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      System.err.println("ERROR: cannot read stdin: " + e.getMessage());
      return 2;
    }
  }

  /**
   * Runs every statement read from {@code in} until its end or {@code \q}.
   *
   * @return 0 when every statement ran, 1 when one failed, 2 when the engine could not be opened
   */
  public int repl(Reader in) throws IOException {
    if (!start()) {
      return 2;
    }
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    StatementSplitter splitter = new StatementSplitter();
    while (true) {
      if (interactive) {
        out.print(splitter.pending() ? CONTINUATION : PROMPT);
        out.flush();
      }
      String line = lines.readLine();
      if (line == null) {
        break;
      }
      if (!splitter.pending()) {
        MetaCommands.Outcome outcome = meta.handle(line);
        if (outcome == MetaCommands.Outcome.QUIT) {
          break;
        }
        if (outcome == MetaCommands.Outcome.HANDLED) {
          continue;
        }
      }
      splitter.add(line).forEach(this::run);
    }
    String rest = splitter.flush(); // a last statement without ';' still runs
    if (rest != null) {
      run(rest);
    }
    session.close();
    return failures == 0 ? 0 : 1;
  }

  /**
   * Runs the statements and commands of {@code sql} ({@code -e}) as if they came from stdin; the
   * last statement needs no {@code ;}.
   */
  public int execute(String sql) {
    try {
      return repl(new StringReader(sql));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
  }

  /** Opens the session up front, so a data directory that cannot be opened is reported first. */
  private boolean start() {
    try {
      connection();
    } catch (SQLException e) {
      err.println(ShellErrors.line(e));
      if (String.valueOf(e.getMessage()).contains("refused to open")) {
        // What chDB prints natively when this happens is "Cannot lock file .../status".
        err.println(
            "chDB admits one process per data directory: if Tenant Pulse or another shell runs"
                + " on "
                + options.dataDir().toAbsolutePath()
                + ", stop it or point --data at a copy.");
      }
      return false;
    }
    if (interactive) {
      out.println(
          "Tenant Pulse SQL shell (read-only) on "
              + options.dataDir().toAbsolutePath()
              + ". Statements end with ';'; help for commands, \\q to quit.");
      meta.handle("\\d");
    }
    return true;
  }

  /** Runs one statement and prints its result, or its error line. */
  void run(String sql) {
    Optional<SQLException> refusal = StatementGuard.refusal(sql);
    if (refusal.isPresent()) {
      fail(refusal.get());
      return;
    }
    long start = System.nanoTime();
    try (Statement s = connection().createStatement()) {
      s.setMaxRows(options.maxRows() + 1); // one more than shown tells that the limit cut it
      if (!s.execute(sql)) {
        out.println("OK in " + seconds(System.nanoTime() - start));
        return;
      }
      ResultGrid grid;
      try (ResultSet rs = s.getResultSet()) {
        grid = ResultGrid.read(rs, options.maxRows());
      }
      print(grid, Duration.ofNanos(System.nanoTime() - start));
    } catch (SQLException e) {
      fail(e);
    } catch (RuntimeException e) { // a value the driver could not read: report, keep going
      fail(new SQLException(String.valueOf(e.getMessage()), "HY000", e));
    }
  }

  private void print(ResultGrid grid, Duration elapsed) {
    // Tables are for people: footer and notes go with them. Other formats are for programs: the
    // data goes to out alone and the footer to err, so a pipe gets clean CSV, TSV or JSON.
    PrintStream notes = options.format() == OutputFormat.TABLE ? out : err;
    out.print(
        options.format() == OutputFormat.TABLE
            ? table.format(grid)
            : ExportFormatter.format(grid, options.format()));
    notes.println(TableFormatter.summary(grid.rows().size(), elapsed));
    if (grid.truncated()) {
      notes.println(TableFormatter.truncationNote(options.maxRows()));
    }
    out.flush();
  }

  void fail(SQLException e) {
    failures++;
    err.println(ShellErrors.line(e));
    err.flush();
    session.reset(); // see ShellSession: the next statement must not see this one's output
  }

  Connection connection() throws SQLException {
    return session.connection();
  }

  void printGrid(ResultGrid grid) {
    out.print(table.format(grid));
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }
}
