package dev.tenantpulse.warehouse.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shell's command line, validated: every problem is reported at once, each naming its option.
 *
 * @param dataDir the embedded engine's data directory (the {@code clickhouse} directory of a Tenant
 *     Pulse data directory)
 * @param execute statements to run instead of reading stdin ({@code -e}); empty for the REPL
 * @param format how results are printed
 * @param maxRows the most rows a result may have; the engine stops reading beyond it
 * @param timeoutSeconds the engine's time limit for one statement
 * @param database the database {@code \d} lists and unqualified table names refer to
 * @param help print the usage and exit
 */
public record ShellOptions(
    Path dataDir,
    Optional<String> execute,
    OutputFormat format,
    int maxRows,
    int timeoutSeconds,
    String database,
    boolean help) {

  static final String DEFAULT_DATABASE = "tenant_pulse";
  static final int DEFAULT_MAX_ROWS = 10_000;
  static final int DEFAULT_TIMEOUT_SECONDS = 60;
  private static final int MAX_MAX_ROWS = 10_000_000;
  private static final int MAX_TIMEOUT_SECONDS = 86_400;

  public ShellOptions {
    List<String> problems = new ArrayList<>();
    if (dataDir == null) {
      problems.add("--data needs a directory");
    } else if (dataDir.toString().contains("?")) {
      problems.add("--data must not contain '?' (it would end the jdbc:chdb URL's path)");
    }
    if (maxRows < 1 || maxRows > MAX_MAX_ROWS) {
      problems.add("--max-rows must be between 1 and " + MAX_MAX_ROWS + ", got " + maxRows);
    }
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      problems.add(
          "--timeout must be between 1 and " + MAX_TIMEOUT_SECONDS + " s, got " + timeoutSeconds);
    }
    if (database == null || !database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      problems.add("--database must be a plain ClickHouse name, got '" + database + "'");
    }
    if (execute.isPresent() && execute.get().isBlank()) {
      problems.add("-e/--execute needs a statement");
    }
    if (!problems.isEmpty()) {
      throw new UsageException(problems);
    }
  }

  /**
   * Parses the command line. The data directory is {@code --data}, else {@code
   * $TENANT_PULSE_DATA/clickhouse}, else {@code ./data/clickhouse} (where the embedded default
   * keeps it).
   */
  public static ShellOptions parse(List<String> args, Map<String, String> env) {
    String envData = env.get("TENANT_PULSE_DATA");
    Path data =
        envData != null && !envData.isBlank()
            ? Path.of(envData).resolve("clickhouse")
            : Path.of("data", "clickhouse");
    String execute = null;
    OutputFormat format = OutputFormat.TABLE;
    int maxRows = DEFAULT_MAX_ROWS;
    int timeout = DEFAULT_TIMEOUT_SECONDS;
    String database = DEFAULT_DATABASE;
    boolean help = false;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("-h") || name.equals("--help")) {
        help = true;
        continue;
      }
      if (!List.of("--data", "-e", "--execute", "--format", "--max-rows", "--timeout", "--database")
          .contains(name)) {
        if (arg.startsWith("-")) {
          problems.add("unknown option '" + name + "'");
          if (value == null && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
            i++; // most likely its value: one problem, not two
          }
        } else {
          problems.add("unexpected argument '" + arg + "' (SQL goes after -e, or on stdin)");
        }
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          problems.add("option " + name + " needs a value");
          continue;
        }
        value = args.get(++i);
      }
      switch (name) {
        case "--data" -> data = Path.of(value);
        case "-e", "--execute" -> execute = value;
        case "--format" -> {
          Optional<OutputFormat> f = OutputFormat.parse(value);
          if (f.isEmpty()) {
            problems.add(
                "--format must be one of " + OutputFormat.names() + ", got '" + value + "'");
          }
          format = f.orElse(format);
        }
        case "--max-rows" -> maxRows = integer(name, value, maxRows, problems);
        case "--timeout" -> timeout = integer(name, value, timeout, problems);
        default -> database = value; // --database
      }
    }
    try {
      ShellOptions options =
          new ShellOptions(
              data, Optional.ofNullable(execute), format, maxRows, timeout, database, help);
      if (problems.isEmpty()) {
        return options;
      }
    } catch (UsageException e) {
      problems.addAll(e.problems()); // reported together with the command line's own problems
    }
    throw new UsageException(problems);
  }

  private static int integer(String option, String value, int fallback, List<String> problems) {
    try {
      return Integer.parseInt(value.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      problems.add(option + " must be a whole number, got '" + value + "'");
      return fallback;
    }
  }

  /**
   * The session's URL. The limits are settings of the session itself because a readonly=1 session
   * may not SET anything: applied after them, readonly=1 also locks them against the analyst.
   * result_overflow_mode=break makes a too-long result end early instead of failing.
   */
  public String url() {
    return "jdbc:chdb:"
        + dataDir
        + "?readonly=1&max_execution_time="
        + timeoutSeconds
        + "&max_result_rows="
        + maxRows
        + "&result_overflow_mode=break";
  }

  static String usage() {
    return """
        Usage: bin/sql [options]            read-only SQL over the embedded ClickHouse (chDB)
          --data <dir>        data directory (default $TENANT_PULSE_DATA/clickhouse, else ./data/clickhouse)
          -e, --execute <sql> run these statements and exit (separate several with ';')
          --format <f>        table | csv | tsv | json (one object per row); default table
          --max-rows <n>      stop a result after n rows (default 10000)
          --timeout <s>       stop a statement after s seconds (default 60)
          --database <name>   database for \\d and unqualified names (default tenant_pulse)
          -h, --help          this text
        Without -e, statements come from stdin and end with ';'. Type help inside for commands.
        """;
  }

  /** A command line the shell cannot run, with every problem found. */
  public static final class UsageException extends IllegalArgumentException {
    private final List<String> problems;

    UsageException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }
}
