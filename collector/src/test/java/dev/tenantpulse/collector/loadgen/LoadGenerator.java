package dev.tenantpulse.collector.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts batches to a collector's {@code POST /v1/events} over N keep-alive connections, one virtual
 * thread each, and reports accepted events/s and latency percentiles.
 *
 * <p>Two modes. Closed loop ({@code requestsPerSecond} 0): every connection sends its next request
 * as soon as the last one is answered, which finds the peak. Open loop (a fixed rate): request
 * {@code i} is due at {@code start + i / rate} whatever happened before, and its latency counts
 * from when it was due, not from when a free connection sent it, so a stall shows in the
 * percentiles instead of silently lowering the rate (no coordinated omission).
 *
 * <p>A warm-up runs first, unmeasured. Every request carries new event ids ({@link
 * BatchTemplates}). Usable as a library (the benchmarks) and from the command line ({@link #main}).
 */
public final class LoadGenerator {

  /**
   * @param endpoint e.g. {@code http://127.0.0.1:8080/v1/events}
   * @param apiKey a server key (the generated tenants are many)
   * @param connections concurrent connections, one worker each
   * @param warmup unmeasured time before the measured window
   * @param duration the measured window (ignored when {@code requests} is set)
   * @param requests measured requests to send; 0 to measure for {@code duration}
   * @param requestsPerSecond a fixed request rate (open loop); 0 for a closed loop
   */
  public record Options(
      URI endpoint,
      String apiKey,
      int connections,
      Duration warmup,
      Duration duration,
      long requests,
      double requestsPerSecond,
      Transport.Kind transport) {

    public Options {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(transport, "transport");
      if (connections < 1) {
        throw new IllegalArgumentException("connections must be at least 1, got " + connections);
      }
      if (warmup.isNegative() || duration.isNegative() || requests < 0 || requestsPerSecond < 0) {
        throw new IllegalArgumentException("warm-up, duration, requests and rate must be >= 0");
      }
      if (requests == 0 && duration.isZero()) {
        throw new IllegalArgumentException("give a duration or a number of requests");
      }
    }

    public Options withRate(double rate) {
      return new Options(
          endpoint, apiKey, connections, warmup, duration, requests, rate, transport);
    }

    public Options withWarmup(Duration warmup) {
      return new Options(
          endpoint, apiKey, connections, warmup, duration, requests, requestsPerSecond, transport);
    }
  }

  private final Options options;
  private final BatchTemplates templates;

  public LoadGenerator(Options options, BatchTemplates templates) {
    this.options = options;
    this.templates = templates;
  }

  /** Runs the warm-up and the measured window; returns when every worker is done. */
  public LoadReport run() throws InterruptedException {
    Run run = new Run(System.nanoTime());
    Thread cpuAtStart =
        Thread.ofVirtual()
            .start(
                () -> {
                  parkUntil(run.measureStart);
                  run.cpuAtMeasureStart = ProcessCpu.nanos();
                });
    List<Worker> workers = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    HttpClient jdkClient =
        options.transport() == Transport.Kind.JDK ? JdkHttpTransport.newClient() : null;
    try {
      for (int i = 0; i < options.connections(); i++) {
        Worker worker = new Worker(run, transport(jdkClient));
        workers.add(worker);
        threads.add(Thread.ofVirtual().name("loadgen-" + i).start(worker));
      }
      for (Thread t : threads) {
        t.join();
      }
      cpuAtStart.join();
      run.cpuAtEnd = ProcessCpu.nanos();
    } finally {
      if (jdkClient != null) {
        jdkClient.close();
      }
    }
    return report(run, workers);
  }

  private Transport transport(HttpClient jdkClient) {
    String authorization = "Bearer " + options.apiKey();
    return switch (options.transport()) {
      case RAW -> new RawHttpTransport(options.endpoint(), authorization);
      case JDK -> new JdkHttpTransport(jdkClient, options.endpoint(), authorization);
    };
  }

  private LoadReport report(Run run, List<Worker> workers) {
    long requests = 0;
    long accepted = 0;
    long lastAnswer = run.measureStart;
    Map<String, Long> failures = new TreeMap<>();
    List<Latencies> latencies = new ArrayList<>();
    for (Worker w : workers) {
      requests += w.latencies.size();
      accepted += w.accepted;
      lastAnswer = Math.max(lastAnswer, w.lastAnswer);
      w.failures.forEach((k, v) -> failures.merge(k, v, Long::sum));
      latencies.add(w.latencies);
    }
    int[] sorted = Latencies.mergeSorted(latencies);
    return new LoadReport(
        requests,
        accepted,
        Duration.ofNanos(lastAnswer - run.measureStart),
        options.requestsPerSecond(),
        Latencies.percentileMillis(sorted, 0.50),
        Latencies.percentileMillis(sorted, 0.95),
        Latencies.percentileMillis(sorted, 0.99),
        Latencies.percentileMillis(sorted, 1.0),
        failures,
        Duration.ofNanos(Math.max(0, run.cpuAtEnd - run.cpuAtMeasureStart)));
  }

  /** The schedule every worker follows. */
  private final class Run {
    final long start;
    final long measureStart;
    final long measureEnd; // Long.MAX_VALUE when a request count ends the run
    final long periodNanos; // open loop: time between two due requests; 0 for a closed loop
    final AtomicLong tickets = new AtomicLong();
    final AtomicLong measuredTickets = new AtomicLong();
    volatile long cpuAtMeasureStart;
    volatile long cpuAtEnd;

    Run(long start) {
      this.start = start;
      this.measureStart = start + options.warmup().toNanos();
      this.measureEnd =
          options.requests() > 0 ? Long.MAX_VALUE : measureStart + options.duration().toNanos();
      this.periodNanos =
          options.requestsPerSecond() > 0
              ? Math.max(1, Math.round(1e9 / options.requestsPerSecond()))
              : 0;
    }
  }

  /** One connection's loop. */
  private final class Worker implements Runnable {
    private final Run run;
    private final Transport transport;
    private final byte[] body = new byte[templates.maxBodyBytes()];
    final Latencies latencies = new Latencies();
    final Map<String, Long> failures = new HashMap<>();
    long accepted;
    long lastAnswer;

    Worker(Run run, Transport transport) {
      this.run = run;
      this.transport = transport;
    }

    @Override
    public void run() {
      try (transport) {
        while (true) {
          long ticket = run.tickets.getAndIncrement();
          long due = run.periodNanos > 0 ? run.start + ticket * run.periodNanos : System.nanoTime();
          if (due >= run.measureEnd) {
            return;
          }
          parkUntil(due);
          boolean measured = due >= run.measureStart;
          if (measured
              && options.requests() > 0
              && run.measuredTickets.incrementAndGet() > options.requests()) {
            return;
          }
          int length = templates.render(ticket, body);
          String failure = null;
          int acceptedHere = 0;
          try {
            Transport.Answer answer = transport.post(body, length);
            if (answer.status() == 200) {
              acceptedHere = answer.accepted();
            } else {
              failure = Integer.toString(answer.status());
            }
          } catch (IOException e) {
            transport.close();
            failure = "io " + e.getClass().getSimpleName();
          }
          long answered = System.nanoTime();
          if (measured) {
            latencies.record(answered - due);
            accepted += acceptedHere;
            lastAnswer = answered;
            if (failure != null) {
              failures.merge(failure, 1L, Long::sum);
            }
          }
          if (failure != null && failure.startsWith("io")) {
            // The collector is unreachable; do not spin on connection attempts.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
          }
        }
      }
    }
  }

  private static void parkUntil(long deadline) {
    for (long wait = deadline - System.nanoTime(); wait > 0; wait = deadline - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }

  /**
   * Runs the generator against a collector from the command line:
   *
   * <pre>
   * LoadGenerator --url http://127.0.0.1:8080 --key $KEY [--connections 8] [--seconds 15]
   *     [--warmup 5] [--requests 0] [--rate 0] [--batch 100] [--tenants 1000] [--seed 42]
   *     [--client raw|jdk]
   * </pre>
   *
   * The key may also come from {@code TENANT_PULSE_API_KEY}. Exit status 1 when a request failed.
   */
  public static void main(String[] args) throws InterruptedException {
    CommandLine cli =
        CommandLine.parse(
            args,
            "url",
            "key",
            "connections",
            "seconds",
            "warmup",
            "requests",
            "rate",
            "batch",
            "tenants",
            "seed",
            "client");
    String key = cli.string("key", System.getenv().getOrDefault("TENANT_PULSE_API_KEY", ""));
    if (key.isBlank()) {
      throw new IllegalArgumentException("give the API key with --key or TENANT_PULSE_API_KEY");
    }
    URI endpoint =
        URI.create(cli.string("url", "http://127.0.0.1:8080").replaceAll("/+$", "") + "/v1/events");
    BatchTemplates templates =
        new BatchTemplates(
            cli.longValue("seed", 42),
            cli.intValue("batch", 100),
            cli.intValue("tenants", 1000),
            64,
            java.time.Instant.now());
    Options options =
        new Options(
            endpoint,
            key,
            cli.intValue("connections", 8),
            Duration.ofSeconds(cli.intValue("warmup", 5)),
            Duration.ofSeconds(cli.intValue("seconds", 15)),
            cli.longValue("requests", 0),
            cli.doubleValue("rate", 0),
            cli.transport("client"));
    LoadReport report = new LoadGenerator(options, templates).run();
    System.out.println(report);
    if (report.failureCount() > 0) {
      System.exit(1);
    }
  }
}
