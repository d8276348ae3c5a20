package dev.tenantpulse.scenario;

import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioConfig;
import dev.tenantpulse.scenario.generate.ScenarioGenerator;
import dev.tenantpulse.scenario.io.ScenarioJsonLines;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Writes a scenario as JSON lines (see {@link ScenarioJsonLines}), for demos and benchmarks.
 *
 * <pre>
 * ScenarioMain [--size small|large] [--seed N] [--tenants N] [--days N] [--start INSTANT]
 *              [--out FILE]   (default: standard output)
 * </pre>
 *
 * A summary (arrivals, duplicates, late events, tenants) goes to standard error.
 */
public final class ScenarioMain {

  private ScenarioMain() {}

  public static void main(String[] args) throws IOException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, OutputStream stdout, PrintStream stderr) throws IOException {
    ScenarioConfig config;
    Path out = null;
    try {
      checkNames(args);
      String size = option(args, "--size", "small");
      long seed = Long.parseLong(option(args, "--seed", "1"));
      config =
          switch (size.toLowerCase(Locale.ROOT)) {
            case "small" -> ScenarioConfig.small(seed);
            case "large" -> ScenarioConfig.large(seed);
            default -> throw new IllegalArgumentException("--size must be small or large");
          };
      String tenants = option(args, "--tenants", null);
      if (tenants != null) {
        config = config.withTenants(Integer.parseInt(tenants));
      }
      String days = option(args, "--days", null);
      if (days != null) {
        config = config.withDays(Integer.parseInt(days));
      }
      String start = option(args, "--start", null);
      if (start != null) {
        config = config.withStart(Instant.parse(start));
      }
      String file = option(args, "--out", null);
      out = file == null || file.equals("-") ? null : Path.of(file);
    } catch (RuntimeException e) {
      stderr.println("scenario: " + e.getMessage());
      stderr.println(
          "usage: ScenarioMain [--size small|large] [--seed N] [--tenants N] [--days N]"
              + " [--start 2026-01-05T00:00:00Z] [--out FILE]");
      return 2;
    }
    long began = System.nanoTime();
    Scenario scenario = ScenarioGenerator.generate(config);
    long generated = System.nanoTime();
    ScenarioJsonLines lines = new ScenarioJsonLines();
    if (out == null) {
      OutputStream buffered = new BufferedOutputStream(stdout, 1 << 16);
      lines.write(scenario.arrivals(), buffered);
      buffered.flush();
    } else {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      lines.write(scenario.arrivals(), out);
    }
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
        (generated - began) / 1_000_000,
        (System.nanoTime() - generated) / 1_000_000);
    return 0;
  }

  private static final java.util.Set<String> OPTIONS =
      java.util.Set.of("--size", "--seed", "--tenants", "--days", "--start", "--out");

  /** Every argument is a known option, or the value after one. */
  private static void checkNames(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String name = args[i].contains("=") ? args[i].substring(0, args[i].indexOf('=')) : args[i];
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
      if (!args[i].contains("=")) {
        i++;
      }
    }
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(name)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i + 1];
      }
      if (args[i].startsWith(name + "=")) {
        return args[i].substring(name.length() + 1);
      }
    }
    return fallback;
  }
}
