package dev.tenantpulse.collector.reads.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options of {@code bin/bench-tenant-reads}; {@link #parse} reports every bad one at once.
 *
 * @param repeat measured runs of each scoped read (after one warm-up): p99 needs about 100
 * @param baselineRepeat measured runs of each unscoped baseline, which reads every tenant's rows
 */
record ReadBenchOptions(
    int tenants,
    int days,
    long events,
    int repeat,
    int baselineRepeat,
    double targetMillis,
    Optional<Path> data) {

  static final String USAGE =
      "Usage: bin/bench-tenant-reads [--tenants 10000] [--days 365] [--events 2000000]"
          + " [--repeat 100] [--baseline-repeat 5] [--target-ms 100] [--data <dir>]";

  static ReadBenchOptions parse(List<String> args) {
    int tenants = 10_000;
    int days = 365;
    long events = 2_000_000;
    int repeat = 100;
    int baselineRepeat = 5;
    double target = 100;
    Path data = null;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (i + 1 >= args.size()) {
        problems.add(name + " needs a value");
        break;
      }
      String value = args.get(i + 1);
      try {
        switch (name) {
          case "--tenants" -> tenants = Integer.parseInt(value);
          case "--days" -> days = Integer.parseInt(value);
          case "--events" -> events = Long.parseLong(value);
          case "--repeat" -> repeat = Integer.parseInt(value);
          case "--baseline-repeat" -> baselineRepeat = Integer.parseInt(value);
          case "--target-ms" -> target = Double.parseDouble(value);
          case "--data" -> data = Path.of(value);
          default -> problems.add("unknown option " + name);
        }
      } catch (NumberFormatException e) {
        problems.add(name + " must be a number, got " + value);
      }
    }
    if (tenants < 1) {
      problems.add("--tenants must be >= 1");
    }
    if (days < 31) {
      problems.add("--days must be >= 31 (the reads ask for the last 30 days)");
    }
    if (events < 0) {
      problems.add("--events must be >= 0");
    }
    if (repeat < 1 || baselineRepeat < 1) {
      problems.add("--repeat and --baseline-repeat must be >= 1");
    }
    if (!(target > 0)) {
      problems.add("--target-ms must be > 0");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new ReadBenchOptions(
        tenants, days, events, repeat, baselineRepeat, target, Optional.ofNullable(data));
  }
}
