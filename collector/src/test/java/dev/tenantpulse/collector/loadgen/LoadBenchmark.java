package dev.tenantpulse.collector.loadgen;

import dev.tenantpulse.collector.CollectorApplication;
import dev.tenantpulse.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The collector's ingestion benchmark, in one process and one run: an embedded KRaft broker (the
 * collector's own embedded default, in a temporary directory), the collector on a free port with an
 * in-memory H2 and a seeded server key, then three measurements against them:
 *
 * <ol>
 *   <li>the ceiling: a plain producer with the collector's producer settings sending the records
 *       the collector would write for the same batches ({@link ProducerCeiling});
 *   <li>the peak: the load generator, closed loop, N connections;
 *   <li>latency at half that peak: the load generator at a fixed rate (open loop).
 * </ol>
 *
 * <p>Prints a table and the targets of the collector (≥ 0.35 of the plain producer, issue 17; ≥
 * 100k events/s, p99 ≤ 50 ms at half the peak); exits 1 when one is missed. Broker, collector and
 * load generator share the machine's cores, so the figures are a floor for a collector with a host
 * of its own.
 *
 * <pre>
 * bin/bench-collector [--connections 8] [--seconds 15] [--warmup 60] [--batch 100]
 *     [--tenants 1000] [--seed 42] [--partitions 4] [--client raw|jdk]
 * </pre>
 */
public final class LoadBenchmark {

  private static final String CEILING_TOPIC = "bench-ceiling";
  private static final double TARGET_RATIO = 0.35;
  private static final double TARGET_EVENTS_PER_SECOND = 100_000;
  private static final double TARGET_P99_MILLIS = 50;

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (java.util.List.of(args).contains("--help") || java.util.List.of(args).contains("-h")) {
      System.out.println(
          "Usage: bin/bench-collector [--connections 8] [--seconds 15] [--warmup 60] [--batch 100]"
              + " [--tenants 1000] [--seed 42] [--partitions 4] [--client raw|jdk]");
      return;
    }
    CommandLine cli =
        CommandLine.parse(
            args,
            "connections",
            "seconds",
            "warmup",
            "batch",
            "tenants",
            "seed",
            "partitions",
            "client");
    int connections = cli.intValue("connections", 8);
    Duration seconds = Duration.ofSeconds(cli.intValue("seconds", 15));
    // The collector's JIT needs about a minute under load on two cores before its rate settles
    // (tens of thousands of methods: Tomcat, Spring, Jackson, the producer and the broker), so
    // the first collector phase warms up long; the producer and the half-rate phase, which follow
    // warm code, briefly.
    Duration warmup = Duration.ofSeconds(cli.intValue("warmup", 60));
    Duration shortWarmup = Duration.ofSeconds(Math.min(5, warmup.toSeconds()));
    int batch = cli.intValue("batch", 100);
    int tenants = cli.intValue("tenants", 1000);
    long seed = cli.longValue("seed", 42);
    int partitions = cli.intValue("partitions", 4);
    Transport.Kind client = cli.transport("client");

    String loadAtStart = loadAverage();
    BatchTemplates templates = new BatchTemplates(seed, batch, tenants, 64, Instant.now());
    Path kafkaDir = Files.createTempDirectory("tp-bench-kafka-");
    String apiKey = "bench-" + UUID.randomUUID();
    long started = System.nanoTime();
    boolean pass;
    try (ConfigurableApplicationContext collector = startCollector(kafkaDir, partitions, apiKey)) {
      System.err.printf(
          "collector and broker started in %.1f s%n", (System.nanoTime() - started) / 1e9);
      EmbeddedKafkaBroker broker = collector.getBean(EmbeddedKafkaBroker.class);
      Map<String, Object> producerConfig =
          new HashMap<>(collector.getBean(ProducerFactory.class).getConfigurationProperties());
      broker.createTopic(CEILING_TOPIC, partitions);
      int port = collector.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

      System.err.println("(a) plain producer ceiling ...");
      List<ProducerCeiling.Encoded> records = ProducerCeiling.encode(templates, 64);
      ProducerCeiling.Result ceiling =
          ProducerCeiling.measure(producerConfig, CEILING_TOPIC, records, shortWarmup, seconds);

      System.err.printf("(b) collector, %d connections, closed loop ...%n", connections);
      LoadGenerator.Options closedLoop =
          new LoadGenerator.Options(
              URI.create("http://127.0.0.1:" + port + "/v1/events"),
              apiKey,
              connections,
              warmup,
              seconds,
              0,
              0,
              client);
      LoadReport peak = new LoadGenerator(closedLoop, templates).run();
      String producerAtPeak = producerMetrics(collector);

      double halfRate = peak.requestsPerSecond() / 2;
      System.err.printf("(c) collector at a fixed %.1f requests/s ...%n", halfRate);
      LoadReport half =
          new LoadGenerator(closedLoop.withRate(halfRate).withWarmup(shortWarmup), templates).run();

      print(
          new Setup(
              connections, batch, tenants, templates.meanEventBytes(), warmup, seconds, client),
          loadAtStart,
          ceiling,
          peak,
          half);
      System.out.println("collector's producer after the peak: " + producerAtPeak);
      pass = targets(ceiling, peak, half).stream().allMatch(Target::pass);
    } finally {
      deleteRecursively(kafkaDir); // after the context (and its broker) closed
    }
    System.exit(pass ? 0 : 1);
  }

  private static ConfigurableApplicationContext startCollector(
      Path kafkaDir, int partitions, String apiKey) {
    Map<String, String> properties = new java.util.LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("spring.main.banner-mode", "off");
    properties.put("logging.level.root", "ERROR"); // the figures, not the libraries' warnings
    properties.put("spring.datasource.url", "jdbc:h2:mem:bench-" + UUID.randomUUID());
    properties.put("tenant-pulse.collector.embedded-kafka.enabled", "true");
    properties.put("tenant-pulse.collector.embedded-kafka.data-dir", kafkaDir.toString());
    properties.put("tenant-pulse.collector.embedded-kafka.port", "0");
    properties.put(
        "tenant-pulse.collector.embedded-kafka.partitions", Integer.toString(partitions));
    properties.put("tenant-pulse.collector.seed-keys[0].name", "bench");
    properties.put("tenant-pulse.collector.seed-keys[0].key", apiKey);
    // The benchmark measures ingestion, not the per-key limit.
    properties.put("tenant-pulse.collector.rate-limit.events-per-second", "1000000000");
    properties.put("tenant-pulse.collector.rate-limit.burst-events", "1000000000");
    List<String> args = new ArrayList<>();
    properties.forEach((k, v) -> args.add("--" + k + "=" + v));
    return new SpringApplicationBuilder(CollectorApplication.class)
        .run(args.toArray(String[]::new));
  }

  record Setup(
      int connections,
      int batch,
      int tenants,
      double meanEventBytes,
      Duration warmup,
      Duration seconds,
      Transport.Kind client) {}

  record Target(String name, String measured, boolean pass) {}

  static List<Target> targets(ProducerCeiling.Result ceiling, LoadReport peak, LoadReport half) {
    double ratio = peak.eventsPerSecond() / ceiling.eventsPerSecond();
    return List.of(
        new Target(
            "collector / plain producer >= %.2f".formatted(TARGET_RATIO),
            "%.2f".formatted(ratio),
            ratio >= TARGET_RATIO),
        new Target(
            "collector >= %,.0f events/s".formatted(TARGET_EVENTS_PER_SECOND),
            "%,.0f".formatted(peak.eventsPerSecond()),
            peak.eventsPerSecond() >= TARGET_EVENTS_PER_SECOND && peak.failureCount() == 0),
        new Target(
            "p99 at half the peak <= %.0f ms".formatted(TARGET_P99_MILLIS),
            "%.1f ms".formatted(half.p99Millis()),
            half.p99Millis() <= TARGET_P99_MILLIS && half.failureCount() == 0));
  }

  private static void print(
      Setup setup,
      String loadAtStart,
      ProducerCeiling.Result ceiling,
      LoadReport peak,
      LoadReport half) {
    System.out.printf(
        "Tenant Pulse collector benchmark: %d cores shared by the broker, the collector and the"
            + " load generator (one JVM, %s); load average %s before, %s after%n",
        Runtime.getRuntime().availableProcessors(), Runtime.version(), loadAtStart, loadAverage());
    System.out.printf(
        "batches of %d events (mean %.0f bytes of JSON each) over %,d tenants; %d connections"
            + " (%s HTTP/1.1); each phase %d s measured after a warm-up (%d s before the peak)%n%n",
        setup.batch(),
        setup.meanEventBytes(),
        setup.tenants(),
        setup.connections(),
        setup.client().name().toLowerCase(java.util.Locale.ROOT),
        setup.seconds().toSeconds(),
        setup.warmup().toSeconds());
    String row = "%-38s %12s %12s %9s %9s %9s %9s %12s%n";
    System.out.printf(
        row, "", "events/s", "requests/s", "p50 ms", "p95 ms", "p99 ms", "failed", "CPU ms/1k ev");
    System.out.printf(
        row,
        "plain KafkaProducer (ceiling)",
        "%,.0f".formatted(ceiling.eventsPerSecond()),
        "-",
        "-",
        "-",
        "-",
        Long.toString(ceiling.failed()),
        "%.1f".formatted(ceiling.cpuMillisPerThousandEvents()));
    printRow(row, "collector, closed loop (peak)", peak);
    printRow(
        row, "collector, fixed %.0f requests/s".formatted(half.targetRequestsPerSecond()), half);
    System.out.println(
        "(CPU: the whole process, broker and load generator included, per 1,000 accepted events)");
    System.out.println();
    String targetRow = "%-38s %12s %6s%n";
    System.out.printf(targetRow, "target", "measured", "");
    for (Target t : targets(ceiling, peak, half)) {
      System.out.printf(targetRow, t.name(), t.measured(), t.pass() ? "MET" : "MISSED");
    }
    if (peak.failureCount() + half.failureCount() > 0) {
      System.out.println("failures: peak " + peak.failures() + ", half " + half.failures());
    }
  }

  private static void printRow(String format, String label, LoadReport r) {
    System.out.printf(
        format,
        label,
        "%,.0f".formatted(r.eventsPerSecond()),
        "%,.0f".formatted(r.requestsPerSecond()),
        "%.2f".formatted(r.p50Millis()),
        "%.2f".formatted(r.p95Millis()),
        "%.2f".formatted(r.p99Millis()),
        Long.toString(r.failureCount()),
        "%.1f".formatted(r.cpuMillisPerThousandEvents()));
  }

  /** How the collector's producer batched: what linger.ms and batch.size are tuned by. */
  private static String producerMetrics(ConfigurableApplicationContext collector) {
    Map<String, Double> values = new java.util.TreeMap<>();
    List<String> names =
        List.of(
            "batch-size-avg",
            "records-per-request-avg",
            "compression-rate-avg",
            "record-queue-time-avg",
            "request-latency-avg");
    ProducerFactory<?, ?> producers = collector.getBean(ProducerFactory.class);
    producers
        .createProducer()
        .metrics()
        .forEach(
            (MetricName name, Metric metric) -> {
              if (name.group().equals("producer-metrics") && names.contains(name.name())) {
                values.put(name.name(), ((Number) metric.metricValue()).doubleValue());
              }
            });
    StringBuilder text = new StringBuilder();
    values.forEach(
        (k, v) ->
            text.append(text.isEmpty() ? "" : ", ")
                .append(k)
                .append(' ')
                .append("%.1f".formatted(v)));
    return text.toString();
  }

  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "n/a" : "%.2f".formatted(load);
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
