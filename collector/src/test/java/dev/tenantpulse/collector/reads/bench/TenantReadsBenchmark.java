package dev.tenantpulse.collector.reads.bench;

import dev.tenantpulse.collector.reads.Granularity;
import dev.tenantpulse.collector.reads.TenantReads;
import dev.tenantpulse.collector.reads.TenantScope;
import dev.tenantpulse.collector.reads.TenantTables;
import dev.tenantpulse.collector.reads.TenantWarehouse;
import dev.tenantpulse.dashboards.bench.SyntheticMetrics;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Latency of each tenant read for one tenant among {@code --tenants} over {@code --days} of data
 * ({@code bin/bench-tenant-reads}), on the embedded engine. Each read runs through {@link
 * TenantReads} and {@link TenantWarehouse}, as the API runs it (every query it makes, the mapping
 * included; no HTTP). The baseline, in the same run, is the same read with the tenant condition
 * taken out of every table ({@link UnscopedDriver}): the full-table query a forgotten filter would
 * run. Tables are merged first ({@code OPTIMIZE … FINAL}), the steady state.
 *
 * <p>Exit status 1 when a scoped read's p99 misses {@code --target-ms}.
 */
public final class TenantReadsBenchmark {

  private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");
  private static final String DB = "tenant_pulse";

  private final ReadBenchOptions options;
  private final PrintStream out;
  private final PlanCatalog catalog = PlanCatalog.defaultCatalog();

  TenantReadsBenchmark(ReadBenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(ReadBenchOptions.USAGE);
      return;
    }
    ReadBenchOptions options;
    try {
      options = ReadBenchOptions.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("bench-tenant-reads: " + e.getMessage());
      System.err.println(ReadBenchOptions.USAGE);
      System.exit(2);
      return;
    }
    Path data =
        options.data().isPresent()
            ? options.data().get()
            : Files.createTempDirectory("tenant-pulse-bench-tenant-reads-");
    int status = new TenantReadsBenchmark(options, System.out).run("jdbc:chdb:" + data);
    if (options.data().isEmpty()) {
      deleteTree(data);
    }
    System.exit(status); // chDB's engine threads would keep the JVM alive
  }

  /** One read as the API makes it, for a scope. */
  private record Read(String name, BiFunction<TenantReads, TenantScope, ?> run) {}

  int run(String url) throws SQLException {
    out.println("Tenant Pulse tenant reads benchmark (jdbc:chdb, through the query layer)");
    SyntheticMetrics.Shape shape =
        new SyntheticMetrics.Shape(options.tenants(), options.days(), options.events(), END, 0);
    out.printf(
        Locale.ROOT,
        "data: %,d tenants, %d days to %s, %,d raw events; %d measured runs per read and %d per"
            + " baseline, after 1 warm-up; target: p99 of every scoped read <= %.0f ms%n",
        shape.tenants(),
        shape.days(),
        END,
        shape.events(),
        options.repeat(),
        options.baselineRepeat(),
        options.targetMillis());
    String tenant;
    try (Connection c = DriverManager.getConnection(url)) {
      ClickHouseMigrations.forDefaultDatabase().migrate(c);
      long started = System.nanoTime();
      SyntheticMetrics metrics = new SyntheticMetrics(catalog, shape, DB);
      metrics.fill(c).forEach(line -> out.println("  " + line));
      try (Statement s = c.createStatement()) {
        for (String table : SyntheticMetrics.TABLES) {
          s.execute("OPTIMIZE TABLE " + DB + "." + table + " FINAL");
        }
      }
      out.printf(
          Locale.ROOT, "generated and merged in %.1f s%n", (System.nanoTime() - started) / 1e9);
      tenant = metrics.drillDownTenant(c);
    }

    Driver engine = DriverManager.getDriver(url);
    TenantScope scope = new TenantScope(tenant);
    List<Read> reads = reads();
    out.printf("tenant %s; latency in ms%n%n", tenant);
    out.printf(
        "%-14s %9s %9s %6s  %12s %12s  %8s %8s%n",
        "read", "p50", "p99", "", "baseline p50", "baseline p99", "p50 x", "p99 x");
    boolean met = true;
    try (TenantWarehouse scoped = warehouse(engine, url, 10_000);
        TenantWarehouse unscoped = warehouse(new UnscopedDriver(engine), url, Integer.MAX_VALUE)) {
      TenantReads scopedReads = new TenantReads(scoped, catalog);
      TenantReads baselineReads = new TenantReads(unscoped, catalog);
      for (Read read : reads) {
        List<Double> mine = time(scopedReads, read, scope, options.repeat());
        List<Double> all = time(baselineReads, read, scope, options.baselineRepeat());
        double p50 = percentile(mine, 50);
        double p99 = percentile(mine, 99);
        double b50 = percentile(all, 50);
        double b99 = percentile(all, 99);
        boolean ok = p99 <= options.targetMillis();
        met &= ok;
        out.printf(
            Locale.ROOT,
            "%-14s %9.2f %9.2f %6s  %12.2f %12.2f  %8.3f %8.3f%n",
            read.name(),
            p50,
            p99,
            ok ? "MET" : "MISSED",
            b50,
            b99,
            p50 / b50,
            p99 / b99);
      }
    }
    out.printf(
        Locale.ROOT,
        "%nratios: scoped / baseline (below 1: the tenant condition saves work). Baseline p99 of"
            + " %d runs is about their maximum.%n%s: p99 of every scoped read <= %.0f ms%n",
        options.baselineRepeat(),
        met ? "MET" : "MISSED",
        options.targetMillis());
    return met ? 0 : 1;
  }

  /** The API's reads with its default ranges: 30 days, a year for months. */
  private static List<Read> reads() {
    Instant month = END.minus(Duration.ofDays(30));
    Instant year = END.minus(Duration.ofDays(365));
    return List.of(
        new Read("usage_hour", (r, s) -> r.usage(s, Granularity.HOUR, month, END)),
        new Read("usage_day", (r, s) -> r.usage(s, Granularity.DAY, month, END)),
        new Read("usage_month", (r, s) -> r.usage(s, Granularity.MONTH, year, END)),
        new Read("activity", (r, s) -> r.activity(s, month, END)),
        new Read("features", (r, s) -> r.features(s, month, END)),
        new Read("onboarding", TenantReads::onboarding),
        new Read("plan_history", TenantReads::planHistory));
  }

  private static TenantWarehouse warehouse(Driver driver, String url, int maxRows) {
    return new TenantWarehouse(
        driver, url, new Properties(), DB, "", TenantTables.WAREHOUSE, maxRows);
  }

  /** One warm-up, then {@code runs} timed runs in milliseconds. */
  private static List<Double> time(TenantReads reads, Read read, TenantScope scope, int runs) {
    read.run().apply(reads, scope);
    List<Double> millis = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      read.run().apply(reads, scope);
      millis.add((System.nanoTime() - started) / 1e6);
    }
    return millis;
  }

  /** Nearest rank: with fewer than 100 runs, p99 is the slowest. */
  static double percentile(List<Double> millis, int p) {
    List<Double> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
