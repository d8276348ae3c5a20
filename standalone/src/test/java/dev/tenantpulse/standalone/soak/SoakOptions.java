package dev.tenantpulse.standalone.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code bin/soak}.
 *
 * @param events unique activity events to post
 * @param rate events per second, a fixed (open-loop) schedule
 * @param tenants distinct tenants the events spread over
 * @param connections concurrent requests (one keep-alive connection each)
 * @param every how often a row of figures is printed
 * @param resend already-sent ids re-sent at the end (and after the restart)
 * @param restart stop the child cleanly after the load, start it again on the same data
 * @param dataDir the child's data directory (must be new or empty); empty: a temporary one
 * @param keep keep a temporary data directory (it is deleted at the end otherwise)
 * @param attach the data directory of a running runtime to attach to instead of starting one
 * @param adminToken the attached runtime's admin token when it was given, not generated
 * @param maxRssBytes the process's resident-memory budget, checked against its peak
 * @param loadDeadline how long the load may take before the run gives up on it
 * @param runtimeArgs options for the child after {@code --} (e.g. {@code --state-backend hashmap})
 */
record SoakOptions(
    long events,
    double rate,
    int tenants,
    int connections,
    Duration every,
    long resend,
    boolean restart,
    Optional<Path> dataDir,
    boolean keep,
    Optional<Path> attach,
    Optional<String> adminToken,
    long maxRssBytes,
    Duration loadDeadline,
    List<String> runtimeArgs,
    boolean help) {

  static final long DEFAULT_EVENTS = 100_000_000;
  static final long QUICK_EVENTS = 2_000_000;

  static final String USAGE =
      """
      Usage: bin/soak [options]
        --events N         unique activity events to post (default 100,000,000)
        --quick            2,000,000 events
        --rate R           events per second, a fixed schedule (default 25,000)
        --tenants T        tenants the events spread over (default 5,000)
        --connections C    concurrent 500-event requests (default 6)
        --every S          seconds between two rows of figures (default 30)
        --resend K         already-sent ids re-sent at the end, spread over the run (default 100,000)
        --restart          then stop the runtime cleanly, start it on the same data, re-send old ids
        --data-dir DIR     the runtime's data directory, new or empty (default: a temporary one,
                           deleted at the end)
        --keep             keep the temporary data directory
        --attach DIR       use the runtime already running on DIR (ports from DIR/endpoints.json)
        --admin-token T    its admin token, when it was given rather than kept in DIR/admin-token
        --max-rss-gb G     resident-memory budget checked against the process's peak (default 3)
        --max-minutes M    give up on the load after M minutes (default 1.5 x events / rate + 5)
        -- ARGS            options of bin/tenant-pulse for the child, e.g. -- --state-backend hashmap
      """;

  /** Parses {@code args}; every problem is reported at once. */
  static SoakOptions parse(String[] args) {
    Parsed p = new Parsed();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        p.runtimeArgs.addAll(List.of(args).subList(i + 1, args.length));
        break;
      }
      String name = args[i];
      String value = null;
      int eq = name.indexOf('=');
      if (name.startsWith("--") && eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      switch (name) {
        case "--quick" -> p.events = QUICK_EVENTS;
        case "--restart" -> p.restart = true;
        case "--keep" -> p.keep = true;
        case "-h", "--help" -> p.help = true;
        case "--events",
            "--rate",
            "--tenants",
            "--connections",
            "--every",
            "--resend",
            "--data-dir",
            "--attach",
            "--admin-token",
            "--max-rss-gb",
            "--max-minutes" -> {
          if (value == null && i + 1 < args.length) {
            value = args[++i];
          }
          if (value == null) {
            problems.add(name + " needs a value");
          } else {
            p.set(name, value.replace("_", "").replace(",", ""), problems);
          }
        }
        default -> problems.add("unknown option '" + args[i] + "'");
      }
    }
    SoakOptions options = p.build(problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return options;
  }

  private static final class Parsed {
    long events = DEFAULT_EVENTS;
    double rate = 25_000;
    long tenants = 5_000;
    long connections = 6;
    double everySeconds = 30;
    long resend = 100_000;
    boolean restart;
    boolean keep;
    boolean help;
    Path dataDir;
    Path attach;
    String adminToken;
    double maxRssGb = 3;
    double maxMinutes = Double.NaN;
    final List<String> runtimeArgs = new ArrayList<>();

    void set(String name, String value, List<String> problems) {
      try {
        switch (name) {
          case "--events" -> events = Long.parseLong(value);
          case "--rate" -> rate = Double.parseDouble(value);
          case "--tenants" -> tenants = Long.parseLong(value);
          case "--connections" -> connections = Long.parseLong(value);
          case "--every" -> everySeconds = Double.parseDouble(value);
          case "--resend" -> resend = Long.parseLong(value);
          case "--data-dir" -> dataDir = Path.of(value);
          case "--attach" -> attach = Path.of(value);
          case "--admin-token" -> adminToken = value;
          case "--max-rss-gb" -> maxRssGb = Double.parseDouble(value);
          case "--max-minutes" -> maxMinutes = Double.parseDouble(value);
          default -> throw new IllegalStateException(name);
        }
      } catch (NumberFormatException e) {
        problems.add(name + " must be a number, got '" + value + "'");
      }
    }

    SoakOptions build(List<String> problems) {
      require(events >= 1, "--events must be at least 1", problems);
      require(rate >= 1, "--rate must be at least 1 event/s", problems);
      require(tenants >= 1 && tenants <= 10_000_000, "--tenants must be 1 to 10,000,000", problems);
      require(connections >= 1 && connections <= 64, "--connections must be 1 to 64", problems);
      require(everySeconds >= 1, "--every must be at least 1 s", problems);
      require(resend >= 0 && resend <= events, "--resend must be 0 to --events", problems);
      require(maxRssGb > 0, "--max-rss-gb must be positive", problems);
      require(!(maxMinutes <= 0), "--max-minutes must be positive", problems);
      require(
          attach == null || dataDir == null,
          "--attach and --data-dir exclude each other",
          problems);
      require(
          attach == null || !restart,
          "--restart needs a runtime of its own, not --attach",
          problems);
      require(adminToken == null || attach != null, "--admin-token goes with --attach", problems);
      require(
          attach == null || runtimeArgs.isEmpty(),
          "options after -- are for a runtime of its own, not --attach",
          problems);
      double minutes = Double.isNaN(maxMinutes) ? 1.5 * events / rate / 60 + 5 : maxMinutes;
      return new SoakOptions(
          events,
          rate,
          (int) tenants,
          (int) connections,
          Duration.ofMillis(Math.round(everySeconds * 1_000)),
          resend,
          restart,
          Optional.ofNullable(dataDir).map(d -> d.toAbsolutePath().normalize()),
          keep,
          Optional.ofNullable(attach).map(d -> d.toAbsolutePath().normalize()),
          Optional.ofNullable(adminToken),
          Math.round(maxRssGb * 1e9),
          Duration.ofSeconds(Math.round(minutes * 60)),
          List.copyOf(runtimeArgs),
          help);
    }

    private static void require(boolean ok, String problem, List<String> problems) {
      if (!ok) {
        problems.add(problem);
      }
    }
  }
}
