package dev.tenantpulse.dashboards.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command line of {@code bin/bench-dashboards}.
 *
 * @param ranges dashboard time ranges to time each query over, in days, ending at the data's end
 * @param repeat measured runs per query and range, after one warm-up run
 * @param only run only the queries whose dashboard uid or panel title contains this text
 */
record BenchOptions(
    int tenants,
    int days,
    long events,
    int reemitEvery,
    List<Integer> ranges,
    int repeat,
    double targetMillis,
    Optional<String> only,
    Optional<Path> data) {

  static final String USAGE =
      "Usage: bin/bench-dashboards [--tenants 10000] [--days 365] [--events 2000000]"
          + " [--reemit-every 20] [--ranges 7,30,365] [--repeat 5] [--target-ms 100]"
          + " [--only <text>] [--data <dir>]";

  BenchOptions {
    ranges = List.copyOf(ranges);
    List<String> problems = new ArrayList<>();
    if (tenants < 1) {
      problems.add("--tenants must be >= 1");
    }
    if (days < 8) {
      problems.add("--days must be >= 8 (a weekly average needs 7 days before)");
    }
    if (events < 0) {
      problems.add("--events must be >= 0");
    }
    if (reemitEvery < 0) {
      problems.add("--reemit-every must be >= 0 (0: no re-emitted rows)");
    }
    if (ranges.isEmpty() || ranges.stream().anyMatch(r -> r < 1 || r > days)) {
      problems.add("--ranges must be days between 1 and --days");
    }
    if (repeat < 1) {
      problems.add("--repeat must be >= 1");
    }
    if (!(targetMillis > 0)) {
      problems.add("--target-ms must be > 0");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  static BenchOptions parse(List<String> args) {
    int tenants = 10_000;
    int days = 365;
    long events = 2_000_000;
    int reemitEvery = 20;
    List<Integer> ranges = List.of(7, 30, 365);
    int repeat = 5;
    double target = 100;
    String only = null;
    Path data = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      if (value == null) {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      try {
        switch (arg) {
          case "--tenants" -> tenants = Integer.parseInt(value);
          case "--days" -> days = Integer.parseInt(value);
          case "--events" -> events = Long.parseLong(value);
          case "--reemit-every" -> reemitEvery = Integer.parseInt(value);
          case "--ranges" ->
              ranges =
                  List.of(value.split(",")).stream()
                      .map(String::trim)
                      .map(Integer::parseInt)
                      .toList();
          case "--repeat" -> repeat = Integer.parseInt(value);
          case "--target-ms" -> target = Double.parseDouble(value);
          case "--only" -> only = value;
          case "--data" -> data = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + arg);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(arg + " needs a number, got " + value);
      }
      i++;
    }
    return new BenchOptions(
        tenants,
        days,
        events,
        reemitEvery,
        ranges,
        repeat,
        target,
        Optional.ofNullable(only),
        Optional.ofNullable(data));
  }
}
