package dev.tenantpulse.standalone.console.web;

import dev.tenantpulse.access.FileUserStore;
import dev.tenantpulse.access.Users;
import dev.tenantpulse.dashboards.bench.SyntheticMetrics;
import dev.tenantpulse.standalone.support.Browser;
import dev.tenantpulse.standalone.support.ConsoleLogin;
import dev.tenantpulse.standalone.support.CountingRuntime;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.warehouse.schema.ClickHouseMigrations;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * {@code bin/bench-board-pages}: how long a person waits for a board. A year of aggregated data for
 * 10,000 tenants ({@link SyntheticMetrics}, as {@code bin/bench-dashboards} makes it) in the
 * runtime's chDB; headless Chromium logs in to the console and opens every board for the last 7, 30
 * and 365 days. Measured per board and range: the time from navigation start to the moment the page
 * says every panel is drawn ({@code performance.now()} at that moment), against the baseline of the
 * same run: the same panels' (and variables') queries run one after another through the API, their
 * server-side query times summed. The page runs its queries two at a time and draws as they arrive,
 * so it can beat the sum.
 *
 * <p>Median of {@code --repeat} runs after one warm-up. Goal: every board on 30 days drawn within
 * 1.5 s. Exit 1 when a board on 30 days misses it, 2 for a bad command line.
 */
public final class BoardPagesBenchmark {

  private static final String DATABASE = "bench_boards";
  private static final double GOAL_MS = 1500;

  private record Options(int tenants, int days, long events, List<Integer> ranges, int repeat) {
    static Options parse(String[] args) {
      int tenants = 10_000;
      int days = 365;
      long events = 2_000_000;
      List<Integer> ranges = List.of(7, 30, 365);
      int repeat = 3;
      for (int i = 0; i + 1 < args.length; i += 2) {
        switch (args[i]) {
          case "--tenants" -> tenants = Integer.parseInt(args[i + 1]);
          case "--days" -> days = Integer.parseInt(args[i + 1]);
          case "--events" -> events = Long.parseLong(args[i + 1]);
          case "--ranges" ->
              ranges = Stream.of(args[i + 1].split(",")).map(Integer::valueOf).toList();
          case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (args.length % 2 != 0) {
        throw new IllegalArgumentException("options take a value each");
      }
      return new Options(tenants, days, events, ranges, repeat);
    }
  }

  private record Row(String board, int days, int panels, double pageMs, double serverMs) {}

  private final Options options;
  private final PrintStream out = System.out;

  private BoardPagesBenchmark(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-board-pages: " + e.getMessage());
      System.err.println(
          "usage: bin/bench-board-pages [--tenants 10000] [--days 365] [--events 2000000]"
              + " [--ranges 7,30,365] [--repeat 3]");
      System.exit(2);
      return;
    }
    System.exit(new BoardPagesBenchmark(options).run());
  }

  int run() throws Exception {
    Path dir = Files.createTempDirectory("tp-bench-board-pages-");
    try {
      return run(dir);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("could not remove " + dir + ": " + e.getMessage());
      }
    }
  }

  private int run(Path dir) throws Exception {
    out.println("Tenant Pulse board pages benchmark (headless Chromium against the console)");
    CountingRuntime started =
        CountingRuntime.start(
            dir,
            "bench-admin-token-0123456789",
            List.of("--boards-database", DATABASE),
            new PrintStream(System.err, true));
    String console = started.endpoints().console();
    try {
      Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
      fill(started.warehouseUrl(), end);
      String password = "bench viewer password 0123";
      new Users(new FileUserStore(started.data().usersFile())).create("bench", "viewer", password);
      List<Row> rows = measure(console, end, password);
      return report(rows);
    } finally {
      started.stop();
    }
  }

  private void fill(String warehouseUrl, Instant end) throws Exception {
    SyntheticMetrics.Shape shape =
        new SyntheticMetrics.Shape(options.tenants(), options.days(), options.events(), end, 20);
    long started = System.nanoTime();
    try (Connection c = DriverManager.getConnection(warehouseUrl);
        Statement s = c.createStatement()) {
      ClickHouseMigrations.forDatabase(DATABASE).migrate(c);
      new SyntheticMetrics(PlanCatalog.defaultCatalog(), shape, DATABASE)
          .fill(c)
          .forEach(line -> out.println("  " + line));
      // the steady state a reader meets: background merges have caught up with the re-emits
      for (String table : SyntheticMetrics.TABLES) {
        s.execute("OPTIMIZE TABLE " + DATABASE + "." + table + " FINAL");
      }
    }
    out.printf(
        Locale.ROOT,
        "data: %,d tenants, %d days to %s, %,d raw events; generated and merged in %.1f s%n",
        options.tenants(),
        options.days(),
        end,
        options.events(),
        (System.nanoTime() - started) / 1e9);
  }

  private List<Row> measure(String console, Instant end, String password) {
    ConsoleLogin api = ConsoleLogin.as(console, "bench", password);
    List<Row> rows = new ArrayList<>();
    try (Browser browser = Browser.start(console)) {
      browser.logIn("bench", password);
      for (JsonNode board : api.get("/api/boards").json().get("boards")) {
        if (!board.get("available").asBoolean()) {
          continue;
        }
        String uid = board.get("uid").asString();
        JsonNode dashboard = api.get("/api/boards/" + uid).json().get("dashboard");
        String tenant = uid.equals("tenant-pulse-tenant") ? "&var-tenant=" + someTenant(api) : "";
        for (int days : options.ranges()) {
          String range =
              "from="
                  + end.minus(Duration.ofDays(days)).toEpochMilli()
                  + "&to="
                  + end.toEpochMilli()
                  + tenant;
          List<Double> page = new ArrayList<>();
          List<Double> server = new ArrayList<>();
          for (int run = 0; run <= options.repeat(); run++) {
            double pageMs = pageMillis(browser, "/d/" + uid + "?" + range);
            double serverMs = serverMillis(api, uid, dashboard, range);
            if (run > 0) { // the first run warms caches and the JIT
              page.add(pageMs);
              server.add(serverMs);
            }
          }
          Row row =
              new Row(uid, days, dashboard.get("panels").size(), median(page), median(server));
          out.printf(
              Locale.ROOT,
              "  %-32s %4d days  page %7.0f ms   queries %7.0f ms   page/queries %.2f%n",
              row.board(),
              row.days(),
              row.pageMs(),
              row.serverMs(),
              row.pageMs() / row.serverMs());
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /** Navigation start to "every panel drawn", as the page measures it. */
  private static double pageMillis(Browser browser, String path) {
    browser.open(path);
    browser.waitForPanels();
    Object drawn = browser.script("return window.tenantPulseDrawnAt || performance.now()");
    return ((Number) drawn).doubleValue();
  }

  /** The board's queries one after another through the API: their server-side times summed. */
  private static double serverMillis(
      ConsoleLogin api, String uid, JsonNode dashboard, String range) {
    double sum = 0;
    for (JsonNode variable : dashboard.get("templating").get("list")) {
      if (variable.get("type").asString().equals("query")) {
        long t0 = System.nanoTime();
        api.get(
            "/api/boards/" + uid + "/variables/" + variable.get("name").asString() + "?" + range);
        sum += (System.nanoTime() - t0) / 1e6;
      }
    }
    for (JsonNode panel : dashboard.get("panels")) {
      JsonNode frame =
          api.get("/api/boards/" + uid + "/panels/" + panel.get("id").asInt() + "?" + range).json();
      sum += frame.get("elapsed_ms").asDouble();
    }
    return sum;
  }

  private static String someTenant(ConsoleLogin api) {
    JsonNode usage = api.get("/api/boards/tenant-pulse-usage-billing/panels/2").json();
    return usage.get("rows").get(0).get(0).asString();
  }

  private int report(List<Row> rows) {
    out.println();
    out.println(
        "| board | "
            + String.join(" | ", options.ranges().stream().map(d -> d + " days").toList())
            + " |");
    out.println("|---|" + "---|".repeat(options.ranges().size()));
    boolean missed = false;
    for (String board : rows.stream().map(Row::board).distinct().toList()) {
      StringBuilder line = new StringBuilder("| " + board + " |");
      for (int days : options.ranges()) {
        Row row =
            rows.stream()
                .filter(r -> r.board().equals(board) && r.days() == days)
                .findFirst()
                .orElseThrow();
        line.append(
            String.format(
                Locale.ROOT,
                " %.0f ms (queries %.0f ms, %.2f×) |",
                row.pageMs(),
                row.serverMs(),
                row.pageMs() / row.serverMs()));
        if (days == 30 && row.pageMs() > GOAL_MS) {
          missed = true;
        }
      }
      out.println(line);
    }
    out.printf(
        Locale.ROOT,
        "%nGoal: every board on 30 days drawn within %.0f ms: %s%n",
        GOAL_MS,
        missed
            ? "MISSED"
            : options.ranges().contains(30) ? "MET" : "not measured (no 30-day range)");
    return missed ? 1 : 0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
