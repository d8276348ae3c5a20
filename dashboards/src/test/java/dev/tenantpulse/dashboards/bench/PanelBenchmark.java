package dev.tenantpulse.dashboards.bench;

import dev.tenantpulse.dashboards.PanelQuery;
import dev.tenantpulse.dashboards.Selections;
import dev.tenantpulse.dashboards.boards.Boards;
import dev.tenantpulse.dashboards.grafana.ReaderProfile;
import dev.tenantpulse.dashboards.macros.PanelSql;
import dev.tenantpulse.dashboards.macros.QueryContext;
import dev.tenantpulse.dashboards.model.Dashboard;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How long each dashboard query takes on a year of aggregated data for 10,000 tenants, on the
 * embedded engine ({@code bin/bench-dashboards}). Every ClickHouse query of every board (panels,
 * annotations, variables) is expanded as Grafana would send it for the last 7, 30 and 365 days and
 * timed (one warm-up run, then the median of {@code --repeat} runs), in two states of the tables:
 *
 * <ol>
 *   <li><b>unmerged</b>: as inserted, with re-emitted rows beside the rows they replace and merges
 *       stopped, the state right after re-emits or a backfill, where {@code FINAL} has work to do;
 *   <li><b>merged</b>: after {@code OPTIMIZE TABLE … FINAL}, the steady state once ClickHouse has
 *       merged in the background.
 * </ol>
 *
 * Baselines measured in the same run: the same query without {@code FINAL} (what deduplication
 * costs; its rows are wrong on unmerged tables) and a {@code SELECT 1} round trip (the floor of any
 * query through the driver). Exit status 1 when a query misses the target in either state.
 */
public final class PanelBenchmark {

  private static final Pattern FINAL = Pattern.compile("(?i)\\s+FINAL\\b");
  private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

  private final Connection connection;
  private final BenchOptions options;
  private final PrintStream out;
  private final PlanCatalog catalog = PlanCatalog.defaultCatalog();

  PanelBenchmark(Connection connection, BenchOptions options, PrintStream out) {
    this.connection = connection;
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println("bench-dashboards: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    Path data =
        options.data().isPresent()
            ? options.data().get()
            : Files.createTempDirectory("tenant-pulse-bench-dashboards-");
    int status;
    try (Connection c = DriverManager.getConnection("jdbc:chdb:" + data)) {
      status = new PanelBenchmark(c, options, System.out).run();
    }
    if (options.data().isEmpty()) {
      deleteTree(data);
    }
    System.exit(status); // chDB's engine threads would keep the JVM alive
  }

  /** One timed query: where it comes from, its range, and its SQL as sent. */
  private record Case(PanelQuery query, int days, String sql) {}

  /** A case's timings in one table state. */
  private record Measured(Timings withFinal, Timings withoutFinal, int rows) {}

  int run() throws SQLException {
    out.println("Tenant Pulse dashboard query benchmark (jdbc:chdb)");
    out.println(systemLine());
    SyntheticMetrics.Shape shape =
        new SyntheticMetrics.Shape(
            options.tenants(), options.days(), options.events(), END, options.reemitEvery());
    out.printf(
        Locale.ROOT,
        "data: %,d tenants, %d days to %s, %,d raw events, every %d-th metric row re-emitted;"
            + " %d measured runs per query after 1 warm-up; target %.0f ms%n",
        shape.tenants(),
        shape.days(),
        END,
        shape.events(),
        shape.reemitEvery(),
        options.repeat(),
        options.targetMillis());

    ClickHouseMigrations.forDefaultDatabase().migrate(connection);
    for (String table : SyntheticMetrics.TABLES) {
      execute("SYSTEM STOP MERGES tenant_pulse." + table);
    }
    long started = System.nanoTime();
    new SyntheticMetrics(catalog, shape, "tenant_pulse")
        .fill(connection)
        .forEach(line -> out.println("  " + line));
    out.printf(
        Locale.ROOT, "generated in %.1f s; %s%n", (System.nanoTime() - started) / 1e9, parts());

    String tenant =
        new SyntheticMetrics(catalog, shape, "tenant_pulse").drillDownTenant(connection);
    List<Case> cases = cases(shape, tenant);
    out.printf(
        "%d queries × %d ranges%n",
        cases.size() / options.ranges().size(), options.ranges().size());
    double roundTrip = roundTrip();

    out.println("\n-- unmerged tables (re-emits not yet merged, merges stopped) --");
    List<Measured> unmerged = measureAll(cases);
    out.println("\n-- merged tables (after OPTIMIZE TABLE … FINAL) --");
    for (String table : SyntheticMetrics.TABLES) {
      execute("SYSTEM START MERGES tenant_pulse." + table);
      execute("OPTIMIZE TABLE tenant_pulse." + table + " FINAL");
    }
    out.println(parts());
    List<Measured> merged = measureAll(cases);

    return report(cases, unmerged, merged, roundTrip);
  }

  /** Each board's default selection; the tenant board's empty text box gets {@code tenant}. */
  private List<Case> cases(SyntheticMetrics.Shape shape, String tenant) {
    List<Case> cases = new ArrayList<>();
    for (Dashboard dashboard : Boards.all(catalog)) {
      Map<String, List<String>> selection = new HashMap<>(Selections.defaults(dashboard));
      selection.computeIfPresent("tenant", (k, v) -> List.of(tenant));
      for (PanelQuery query : PanelQuery.of(List.of(dashboard))) {
        if (options.only().isPresent() && !query.toString().contains(options.only().get())) {
          continue;
        }
        for (int days : options.ranges()) {
          QueryContext context =
              QueryContext.of(shape.end().minus(Duration.ofDays(days)), shape.end(), selection);
          // As the read-only user's profile runs them on a server (see ReaderProfile).
          String sql = ReaderProfile.appliedTo(PanelSql.expand(query.target().rawSql(), context));
          cases.add(new Case(query, days, sql));
        }
      }
    }
    return cases;
  }

  private List<Measured> measureAll(List<Case> cases) throws SQLException {
    List<Measured> results = new ArrayList<>();
    for (Case c : cases) {
      Measured m =
          new Measured(time(c.sql()), time(FINAL.matcher(c.sql()).replaceAll("")), rows(c.sql()));
      results.add(m);
      out.printf(
          Locale.ROOT,
          "  %-62s %4d d  %8.1f ms  (no FINAL %7.1f ms)  %,8d rows%n",
          shorten(c.query().toString(), 62),
          c.days(),
          m.withFinal().median(),
          m.withoutFinal().median(),
          m.rows());
    }
    return results;
  }

  private int report(
      List<Case> cases, List<Measured> unmerged, List<Measured> merged, double roundTrip) {
    out.println();
    out.printf(
        Locale.ROOT,
        "%-62s %5s %11s %11s %9s %9s  %s%n",
        "query (dashboard, source)",
        "range",
        "unmerged ms",
        "merged ms",
        "FINAL ×",
        "× SELECT1",
        "target");
    int misses = 0;
    double worst = 0;
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      double u = unmerged.get(i).withFinal().median();
      double m = merged.get(i).withFinal().median();
      double noFinal = merged.get(i).withoutFinal().median();
      boolean ok = u <= options.targetMillis() && m <= options.targetMillis();
      misses += ok ? 0 : 1;
      worst = Math.max(worst, Math.max(u, m));
      out.printf(
          Locale.ROOT,
          "%-62s %4dd %11.1f %11.1f %9.2f %9.1f  %s%n",
          shorten(c.query().toString(), 62),
          c.days(),
          u,
          m,
          u / Math.max(unmerged.get(i).withoutFinal().median(), 0.001),
          m / roundTrip,
          ok ? "ok" : "MISSED");
    }
    out.printf(
        Locale.ROOT,
        "%nSELECT 1 round trip: %.2f ms (median). FINAL × = unmerged with FINAL / unmerged without."
            + "%n%d of %d query×range cases within %.0f ms in both states; slowest %.1f ms.%n"
            + "targets: every query within %.0f ms on every range, unmerged and merged: %s%n",
        roundTrip,
        cases.size() - misses,
        cases.size(),
        options.targetMillis(),
        worst,
        options.targetMillis(),
        misses == 0 ? "MET" : "MISSED");
    return misses == 0 ? 0 : 1;
  }

  private Timings time(String sql) throws SQLException {
    rows(sql); // warm-up
    List<Double> millis = new ArrayList<>();
    for (int r = 0; r < options.repeat(); r++) {
      long t = System.nanoTime();
      rows(sql);
      millis.add((System.nanoTime() - t) / 1e6);
    }
    return new Timings(millis);
  }

  /** Runs the query and reads every row, as Grafana's data source does. */
  private int rows(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      int rows = 0;
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        rows++;
      }
      return rows;
    }
  }

  private double roundTrip() throws SQLException {
    return time("SELECT 1").median();
  }

  private String parts() throws SQLException {
    StringBuilder line = new StringBuilder("active parts:");
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table, count() FROM system.parts WHERE database = 'tenant_pulse' AND active"
                    + " GROUP BY table ORDER BY table")) {
      while (rs.next()) {
        line.append(' ').append(rs.getString(1)).append('=').append(rs.getLong(2));
      }
    }
    return line.toString();
  }

  private void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private String systemLine() throws SQLException {
    Runtime rt = Runtime.getRuntime();
    String version;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT version()")) {
      version = rs.next() ? rs.getString(1) : "unknown";
    }
    return String.format(
        Locale.ROOT,
        "JVM %s, %d CPUs, max heap %.1f GiB, chDB %s, %s",
        System.getProperty("java.runtime.version"),
        rt.availableProcessors(),
        rt.maxMemory() / (1024.0 * 1024 * 1024),
        version,
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  private static String shorten(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
