package dev.tenantpulse.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code bin/tenant-pulse}. Every port may be 0 (any free port: the chosen ones
 * are printed and written to {@code <data-dir>/endpoints.json}).
 *
 * @param dataDir everything the process keeps: Kafka log, ClickHouse data, metadata, checkpoints
 * @param demo also create demo tenants and send them traffic, with a local webhook receiver
 * @param host the address every listener binds to (loopback by default: nothing is exposed)
 * @param adminToken the admin token; empty: one generated once and kept in the data directory
 * @param devKey a server API key seeded for local use; empty: none
 * @param jobProperties properties of the Flink job ({@code --job key=value}, keys of flink-jobs'
 *     JobConfig), over the runtime's own
 * @param stateBackend where the Flink job keeps its keyed state: {@code rocksdb} (default, on disk)
 *     or {@code hashmap} (on the heap)
 * @param boardsDatabase the ClickHouse database the console's built-in boards read ({@code
 *     tenant_pulse}; the boards name it in their SQL, as Grafana's do)
 */
public record StandaloneOptions(
    Path dataDir,
    boolean demo,
    String host,
    Ports ports,
    Optional<String> adminToken,
    Optional<String> devKey,
    Map<String, String> jobProperties,
    String stateBackend,
    boolean help,
    String boardsDatabase) {

  public static final List<String> STATE_BACKENDS = List.of("rocksdb", "hashmap");

  public static final String DEFAULT_DEV_KEY = "tp_local_dev_server_key";

  public static final String DEFAULT_BOARDS_DATABASE = "tenant_pulse";

  private static final java.util.regex.Pattern DATABASE =
      java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  /**
   * @param kafka the broker's PLAINTEXT port
   * @param collector ingestion API, {@code /admin/keys}, collector metrics
   * @param alerting alerting API and metrics
   * @param console analyst SQL and operator API
   * @param flinkUi Flink's REST API and web UI
   * @param clickhouseHttp the ClickHouse-compatible HTTP interface (ClickHouse's own 8123)
   */
  public record Ports(
      int kafka, int collector, int alerting, int console, int flinkUi, int clickhouseHttp) {
    public static Ports defaults() {
      return new Ports(9092, 8080, 8081, 8082, 8083, 8123);
    }
  }

  /** A command line that cannot run; the message says what to change. */
  public static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  public static StandaloneOptions parse(List<String> args, Map<String, String> env)
      throws UsageException {
    Path dataDir = Path.of(env.getOrDefault("TENANT_PULSE_DATA", "data"));
    boolean demo = false;
    boolean help = false;
    String host = "127.0.0.1";
    Ports defaults = Ports.defaults();
    int kafka = defaults.kafka();
    int collector = defaults.collector();
    int alerting = defaults.alerting();
    int console = defaults.console();
    int flinkUi = defaults.flinkUi();
    int clickhouseHttp = defaults.clickhouseHttp();
    String adminToken = env.getOrDefault("TENANT_PULSE_ADMIN_TOKEN", "");
    String devKey = env.getOrDefault("TENANT_PULSE_DEV_KEY", DEFAULT_DEV_KEY);
    Map<String, String> job = new LinkedHashMap<>();
    String stateBackend = env.getOrDefault("TENANT_PULSE_STATE_BACKEND", STATE_BACKENDS.get(0));
    String boardsDatabase =
        env.getOrDefault("TENANT_PULSE_BOARDS_DATABASE", DEFAULT_BOARDS_DATABASE);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--demo" -> demo = true;
        case "-h", "--help" -> help = true;
        case "--data-dir",
            "--host",
            "--admin-token",
            "--dev-key",
            "--kafka-port",
            "--port",
            "--collector-port",
            "--alerting-port",
            "--console-port",
            "--flink-ui-port",
            "--clickhouse-http-port",
            "--state-backend",
            "--boards-database",
            "--job" -> {
          if (value == null) {
            if (i + 1 >= args.size()) {
              problems.add(name + " needs a value");
              continue;
            }
            value = args.get(++i);
          }
          switch (name) {
            case "--data-dir" -> dataDir = Path.of(value);
            case "--host" -> host = value;
            case "--admin-token" -> adminToken = value;
            case "--dev-key" -> devKey = value;
            case "--kafka-port" -> kafka = port(name, value, problems);
            case "--port", "--collector-port" -> collector = port(name, value, problems);
            case "--alerting-port" -> alerting = port(name, value, problems);
            case "--console-port" -> console = port(name, value, problems);
            case "--flink-ui-port" -> flinkUi = port(name, value, problems);
            case "--clickhouse-http-port" -> clickhouseHttp = port(name, value, problems);
            case "--state-backend" -> stateBackend = value;
            case "--boards-database" -> boardsDatabase = value;
            case "--job" -> {
              int sep = value.indexOf('=');
              if (sep <= 0) {
                problems.add("--job takes key=value, got '" + value + "'");
              } else {
                job.put(value.substring(0, sep).strip(), value.substring(sep + 1).strip());
              }
            }
            default -> throw new IllegalStateException(name);
          }
        }
        default -> problems.add("unknown option '" + arg + "'");
      }
    }
    if (host.isBlank()) {
      problems.add("--host must not be empty");
    }
    if (!STATE_BACKENDS.contains(stateBackend)) {
      problems.add(
          "--state-backend must be one of "
              + String.join(", ", STATE_BACKENDS)
              + ", got '"
              + stateBackend.replaceAll("\\p{Cntrl}", "?")
              + "'");
    }
    if (!DATABASE.matcher(boardsDatabase).matches()) {
      problems.add(
          "--boards-database must be a database name ([A-Za-z_][A-Za-z0-9_]{0,63}), got '"
              + boardsDatabase.replaceAll("\\p{Cntrl}", "?")
              + "'");
    }
    if (!problems.isEmpty()) {
      throw new UsageException(String.join("; ", problems));
    }
    return new StandaloneOptions(
        dataDir.toAbsolutePath().normalize(),
        demo,
        host,
        new Ports(kafka, collector, alerting, console, flinkUi, clickhouseHttp),
        adminToken.isBlank() ? Optional.empty() : Optional.of(adminToken.strip()),
        devKey.isBlank() ? Optional.empty() : Optional.of(devKey.strip()),
        Map.copyOf(job),
        stateBackend,
        help,
        boardsDatabase);
  }

  private static int port(String name, String value, List<String> problems) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65_535) {
        problems.add(name + " must be 0 (any free port) to 65535, got " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      problems.add(name + " must be a port number, got '" + value + "'");
      return 0;
    }
  }

  public static String usage() {
    return """
        Usage: bin/tenant-pulse [--data-dir DIR] [--demo] [options]
               bin/tenant-pulse users [--data-dir DIR] list|add|passwd|remove …  (users --help)

        Runs Tenant Pulse in one process: a Kafka broker, ClickHouse (chDB), the metadata database,
        the collector, the Flink jobs and the alerting scheduler, all keeping their data under DIR.
        Ctrl-C stops it cleanly; starting it again continues where it stopped.

          --data-dir DIR        where everything is kept (default ./data, or $TENANT_PULSE_DATA)
          --demo                create demo tenants, send them three weeks of traffic ending now
                                with an activity drop in the last day, and print the alert
                                notifications a local webhook receives
          --host ADDR           address every listener binds to (default 127.0.0.1)
          --port N              collector: ingestion API (default 8080)
          --alerting-port N     alerting API and metrics (default 8081)
          --console-port N      dashboards and alerts in the browser, analyst SQL (/api/sql)
                                and operator API (default 8082)
          --flink-ui-port N     Flink web UI and REST API (default 8083)
          --clickhouse-http-port N
                                ClickHouse-compatible HTTP interface, read-only, for Grafana,
                                DBeaver, the JDBC driver and notebooks (default 8123)
          --kafka-port N        Kafka broker (default 9092)
          --admin-token T       token of the admin, operator and SQL APIs (default
                                $TENANT_PULSE_ADMIN_TOKEN, else generated once into DIR/admin-token)
          --dev-key K           server API key seeded for local use (default
                                $TENANT_PULSE_DEV_KEY, else tp_local_dev_server_key; '' for none)
          --state-backend B     where the Flink job keeps its state: rocksdb (default: on disk
                                under DIR/flink/rocksdb, bounded memory) or hashmap (on the heap);
                                default $TENANT_PULSE_STATE_BACKEND, else rocksdb
          --boards-database DB  the ClickHouse database the built-in boards read (default
                                tenant_pulse, or $TENANT_PULSE_BOARDS_DATABASE)
          --job KEY=VALUE       a property of the Flink job (flink-jobs' keys, e.g.
                                events.allowed-lateness=2h); repeatable
        Any port may be 0 (a free one; the chosen ports are in DIR/endpoints.json).
        """;
  }
}
