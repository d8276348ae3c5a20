package dev.tenantpulse.standalone.clickhouse.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code bin/bench-clickhouse-http}.
 *
 * @param rows rows in the scanned table
 * @param rounds measured rounds (every method once per round, after one warm-up round)
 * @param pageRows rows per query of the in-process driver, which holds a whole result in the heap
 * @param jdbcV2 whether to also read through the official jdbc-v2 driver over HTTP
 * @param dataDir where chDB keeps the table; a temporary directory, removed at the end, if empty
 */
record ScanOptions(long rows, int rounds, long pageRows, boolean jdbcV2, Optional<Path> dataDir) {

  static final String USAGE =
      """
      Usage: bin/bench-clickhouse-http [--rows 10000000] [--rounds 3] [--page-rows 500000]
                                       [--no-jdbc-v2] [--data-dir DIR]
      """;

  ScanOptions {
    List<String> problems = new ArrayList<>();
    if (rows < 1) {
      problems.add("--rows must be at least 1, got " + rows);
    }
    if (rounds < 1) {
      problems.add("--rounds must be at least 1, got " + rounds);
    }
    if (pageRows < 1) {
      problems.add("--page-rows must be at least 1, got " + pageRows);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  static ScanOptions parse(String[] args) {
    long rows = 10_000_000;
    int rounds = 3;
    long pageRows = 500_000;
    boolean jdbcV2 = true;
    Optional<Path> dataDir = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--rows" -> rows = number(arg, value(args, ++i, arg));
        case "--rounds" -> rounds = Math.toIntExact(number(arg, value(args, ++i, arg)));
        case "--page-rows" -> pageRows = number(arg, value(args, ++i, arg));
        case "--no-jdbc-v2" -> jdbcV2 = false;
        case "--data-dir" -> dataDir = Optional.of(Path.of(value(args, ++i, arg)));
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    return new ScanOptions(rows, rounds, pageRows, jdbcV2, dataDir);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a whole number, got '" + value + "'");
    }
  }
}
