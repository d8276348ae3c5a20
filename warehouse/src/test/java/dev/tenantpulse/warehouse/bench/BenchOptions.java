package dev.tenantpulse.warehouse.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark's command line, validated: every problem is reported at once, each naming its
 * option.
 *
 * @param rows rows per round
 * @param batch rows per {@code executeBatch()} (and per text {@code VALUES} statement)
 * @param repeat measured rounds per method, after one warm-up round
 * @param data the data directory to use; empty for a temporary one, removed afterwards
 */
record BenchOptions(int rows, int batch, int repeat, Optional<Path> data) {

  static final int DEFAULT_ROWS = 2_000_000;
  static final int DEFAULT_BATCH = 100_000;
  static final int DEFAULT_REPEAT = 5;

  BenchOptions {
    List<String> problems = new ArrayList<>();
    if (rows < 1 || rows > 100_000_000) {
      problems.add("--rows must be between 1 and 100000000, got " + rows);
    }
    if (batch < 1 || batch > 10_000_000) {
      problems.add("--batch must be between 1 and 10000000, got " + batch);
    }
    if (repeat < 1 || repeat > 100) {
      problems.add("--repeat must be between 1 and 100, got " + repeat);
    }
    if (data.isPresent() && data.get().toString().contains("?")) {
      problems.add("--data must not contain '?' (it would end the jdbc:chdb URL's path)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  static BenchOptions parse(List<String> args) {
    int rows = DEFAULT_ROWS;
    int batch = DEFAULT_BATCH;
    int repeat = DEFAULT_REPEAT;
    Path data = null;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      String value = null;
      int eq = name.indexOf('=');
      if (name.startsWith("--") && eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (!List.of("--rows", "--batch", "--repeat", "--data").contains(name)) {
        problems.add("unknown option '" + name + "' (options: --rows, --batch, --repeat, --data)");
        if (value == null && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
          i++; // most likely its value: one problem, not two
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
        case "--rows" -> rows = integer(name, value, rows, problems);
        case "--batch" -> batch = integer(name, value, batch, problems);
        case "--repeat" -> repeat = integer(name, value, repeat, problems);
        default -> data = Path.of(value);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new BenchOptions(rows, batch, repeat, Optional.ofNullable(data));
  }

  private static int integer(String option, String value, int fallback, List<String> problems) {
    try {
      return Integer.parseInt(value.strip().replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      problems.add(option + " must be a whole number, got '" + value + "'");
      return fallback;
    }
  }
}
