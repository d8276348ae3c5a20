package dev.tenantpulse.scenario;

import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.io.ScenarioJsonLines;
import dev.tenantpulse.scenario.oracle.ExpectedMetrics;
import dev.tenantpulse.scenario.oracle.MetricOracle;
import dev.tenantpulse.scenario.oracle.OracleOptions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a scenario as JSON lines (see {@link ScenarioJsonLines}), for demos and benchmarks.
 *
 * <pre>
 * ScenarioMain [--size small|large] [--seed N] [--tenants N] [--days N] [--start INSTANT]
 *              [--weekend-activity SHARE] [--out FILE|-|none] [--oracle]
 * </pre>
 *
 * {@code --out} defaults to standard output; {@code none} writes nothing. A summary (arrivals,
 * duplicates, late events, tenants, times) goes to standard error; {@code --oracle} adds the
 * streaming oracle's row counts and time.
 */
public final class ScenarioMain {

  private static final Set<String> VALUED =
      Set.of("--size", "--seed", "--tenants", "--days", "--start", "--weekend-activity", "--out");
  private static final Set<String> FLAGS = Set.of("--oracle");
  private static final String USAGE =
      "usage: ScenarioMain [--size small|large] [--seed N] [--tenants N] [--days N]"
          + " [--start 2026-01-05T00:00:00Z] [--weekend-activity 0.4] [--out FILE|-|none]"
          + " [--oracle]";

  private ScenarioMain() {}

  public static void main(String[] args) throws IOException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, OutputStream stdout, PrintStream stderr) throws IOException {
    Map<String, String> options;
    ScenarioConfig config;
    try {
      options = parse(args);
      config = config(options);
    } catch (RuntimeException e) {
      stderr.println("scenario: " + e.getMessage());
      stderr.println(USAGE);
      return 2;
    }
    long began = System.nanoTime();
    Scenario scenario = ScenarioGenerator.generate(config);
    long generated = System.nanoTime();
    write(scenario, options.getOrDefault("--out", "-"), stdout);
    long written = System.nanoTime();
    stderr.printf(
        Locale.ROOT,
        "scenario seed=%d tenants=%d days=%d: %d arrivals, %d duplicates, %d late, %d tenants"
            + " sending; generated in %d ms, written in %d ms%n",
        config.seed(),
        config.tenants(),
        config.days(),
        scenario.arrivals().size(),
        scenario.duplicateCount(),
        scenario.lateCount(),
        scenario.tenantCount(),
        millis(began, generated),
        millis(generated, written));
    if (options.containsKey("--oracle")) {
      ExpectedMetrics m = MetricOracle.compute(scenario.arrivals(), OracleOptions.streaming());
      stderr.printf(
          Locale.ROOT,
          "oracle (streaming): %d events, %d hours (%s .. %s), %d by plan, %d adoption, %d"
              + " onboarding tenants, %d cohorts, %d usage rows, %d tenants; in %d ms%n",
          m.events().size(),
          m.activeHours().size(),
          m.firstWindowEnd(),
          m.lastWindowEnd(),
          m.activeHoursByPlan().size(),
          m.featureAdoption().size(),
          m.onboardingTenants().size(),
          m.onboardingCohorts().size(),
          m.usageDays().size(),
          m.tenants().size(),
          millis(written, System.nanoTime()));
    }
    return 0;
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  private static void write(Scenario scenario, String out, OutputStream stdout) throws IOException {
    ScenarioJsonLines lines = new ScenarioJsonLines();
    if (out.equals("none")) {
      return;
    }
    if (out.equals("-")) {
      OutputStream buffered = new BufferedOutputStream(stdout, 1 << 16);
      lines.write(scenario.arrivals(), buffered);
      buffered.flush();
      return;
    }
    Path file = Path.of(out);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    lines.write(scenario.arrivals(), file);
  }

  private static ScenarioConfig config(Map<String, String> options) {
    long seed = Long.parseLong(options.getOrDefault("--seed", "1"));
    String size = options.getOrDefault("--size", "small");
    ScenarioConfig config =
        switch (size.toLowerCase(Locale.ROOT)) {
          case "small" -> ScenarioConfig.small(seed);
          case "large" -> ScenarioConfig.large(seed);
          default -> throw new IllegalArgumentException("--size must be small or large");
        };
    if (options.containsKey("--tenants")) {
      config = config.withTenants(Integer.parseInt(options.get("--tenants")));
    }
    if (options.containsKey("--days")) {
      config = config.withDays(Integer.parseInt(options.get("--days")));
    }
    if (options.containsKey("--start")) {
      config = config.withStart(Instant.parse(options.get("--start")));
    }
    if (options.containsKey("--weekend-activity")) {
      config = config.withWeekendActivity(Double.parseDouble(options.get("--weekend-activity")));
    }
    return config;
  }

  /** Options as name to value ({@code --name value} or {@code --name=value}); flags map to "". */
  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (FLAGS.contains(name) && eq < 0) {
        options.put(name, "");
      } else if (VALUED.contains(name)) {
        if (eq >= 0) {
          options.put(name, arg.substring(eq + 1));
        } else if (i + 1 < args.length) {
          options.put(name, args[++i]);
        } else {
          throw new IllegalArgumentException(name + " needs a value");
        }
      } else {
        throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    return options;
  }
}
