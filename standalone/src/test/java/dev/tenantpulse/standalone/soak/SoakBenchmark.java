package dev.tenantpulse.standalone.soak;

import dev.tenantpulse.standalone.Endpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bin/soak}: N unique events at a fixed rate through the public API of the one-process
 * runtime, figures every interval, then duplicates re-sent (and, with {@code --restart}, a clean
 * stop and start on the same data) to check that nothing counts twice. Phases: {@code start} (the
 * baseline row), {@code load}, {@code drain} (until the job has processed every accepted event and
 * the lag is 0), {@code resend}, {@code restart}, {@code resend} again.
 *
 * <p>Not a timed test: a run of the default 100 M events takes over an hour at 25,000 events/s.
 * Every wait has a deadline; traffic goes to the runtime's loopback listeners only.
 */
public final class SoakBenchmark {

  private final SoakOptions options;
  private final SoakTarget target;
  private final PrintStream out = System.out;
  private final Checks checks = new Checks(System.out);
  private final String run = Long.toString(System.currentTimeMillis() / 1000, 36);
  private final ActivityEvents events;
  private String adminToken;
  private String apiKey;
  private Probe probe;
  private Sampler sampler;
  private Traffic traffic;
  private Traffic.Run load;

  private SoakBenchmark(SoakOptions options, SoakTarget target) {
    this.options = options;
    this.target = target;
    this.events = new ActivityEvents(run, options.tenants());
  }

  public static void main(String[] args) throws Exception {
    SoakOptions options;
    try {
      options = SoakOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bin/soak: " + e.getMessage());
      System.err.print(SoakOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(SoakOptions.USAGE);
      return;
    }
    Path temporary = null;
    SoakTarget target;
    try {
      if (options.attach().isPresent()) {
        target = SoakTarget.attach(options.attach().get(), options.adminToken());
      } else {
        Path dataDir = options.dataDir().orElse(null);
        if (dataDir == null) {
          temporary = Files.createTempDirectory("tp-soak-");
          dataDir = temporary.resolve("data");
        }
        target = SoakTarget.child(dataDir, options.runtimeArgs());
      }
    } catch (IllegalArgumentException e) {
      System.err.println("bin/soak: " + e.getMessage());
      System.exit(2);
      return;
    }
    boolean passed = false;
    try (target) {
      passed = new SoakBenchmark(options, target).run();
    } finally {
      if (temporary != null && passed && !options.keep()) {
        deleteTree(temporary);
      } else if (temporary != null) {
        System.out.println("data directory kept: " + temporary);
      }
    }
    System.exit(passed ? 0 : 1);
  }

  private boolean run() throws Exception {
    Header.options(out, options, run);
    if (target.ownsProcess()) {
      long began = System.nanoTime();
      out.println(
          "starting bin/tenant-pulse's main on "
              + target.dataDir()
              + (options.runtimeArgs().isEmpty() ? "" : " with " + options.runtimeArgs())
              + " …");
      target.start();
      out.printf(Locale.ROOT, "  started in %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
    Endpoints endpoints = target.endpoints();
    adminToken = target.adminToken();
    probe = new Probe(endpoints, adminToken);
    apiKey = createServerKey(endpoints);
    traffic = new Traffic(endpoints.collector(), apiKey, events, options.connections());
    Header.runtime(out, target, probe);
    sampler = new Sampler(out, options.every(), probe);
    Probe.Progress atStart = awaitDedupCounters();
    sampler.row("start");
    boolean caughtUp = loadPhase(atStart.dedup().in());
    ResendCheck resend = new ResendCheck(this);
    String dropped = "old ids re-sent after the load were all dropped";
    boolean resumed = attempt(dropped, caughtUp, () -> resend.run("resend", 0));
    if (options.restart()) {
      String restarted = "a clean stop and start resumes from the snapshot and catches up";
      resumed = attempt(restarted, resumed, () -> new RestartCheck(this).run());
      attempt(
          "old ids re-sent after the restart were all dropped",
          resumed,
          () -> resend.run("resend", 1));
    }
    new Summary(out, options, checks).print(sampler.rows());
    return checks.print();
  }

  private interface Step {
    void run() throws Exception;
  }

  /**
   * Runs a phase that adds check {@code name}; when it throws (a runtime that stopped answering),
   * or when the phase before it left nothing to measure, the check fails and the run goes on to its
   * summary.
   *
   * @return whether the phase ran to its end
   */
  private boolean attempt(String name, boolean possible, Step step) {
    if (!possible) {
      checks.add(name, false, "not run: the phase before it did not finish");
      return false;
    }
    try {
      step.run();
      return true;
    } catch (Exception | AssertionError e) {
      checks.add(name, false, "stopped: " + e);
      return false;
    }
  }

  /** Posts the events, then waits for the job to process them; answers whether it did. */
  private boolean loadPhase(long dedupInAtStart) {
    long deadline = System.nanoTime() + options.loadDeadline().toNanos();
    load = traffic.start(i -> i, options.events(), options.rate(), deadline);
    sampler.track(load);
    // requests in flight at the deadline still get their answer (60 s timeout)
    sampler.watch("load", load::done, deadline + Duration.ofSeconds(90).toNanos());
    Traffic.Counts sent = load.counts();
    checks.add(
        "every event accepted",
        sent.accepted() == options.events() && sent.failedRequests() == 0 && !load.cutOff(),
        String.format(
            Locale.ROOT,
            "%,d of %,d accepted, %,d refused in 200 answers, %,d requests failed %s%s",
            sent.accepted(),
            options.events(),
            sent.rejectedEvents(),
            sent.failedRequests(),
            load.failures(),
            load.cutOff() ? "; the load deadline stopped it" : ""));
    long expected = dedupInAtStart + sent.accepted();
    long began = System.nanoTime();
    Duration drain = Duration.ofMinutes(Math.max(10, options.loadDeadline().toMinutes() / 2));
    boolean caughtUp = sampler.watch("drain", () -> caughtUp(expected), began + drain.toNanos());
    Probe.Progress at = probe.progress();
    checks.add(
        "the job processed every accepted event",
        caughtUp,
        String.format(
            Locale.ROOT,
            "dedup input %s of %,d expected, Kafka lag %s, %.0f s after the load",
            at.dedup() == null ? "?" : String.format(Locale.ROOT, "%,d", at.dedup().in()),
            expected,
            at.lag(),
            (System.nanoTime() - began) / 1e9));
    return caughtUp;
  }

  private boolean caughtUp(long expectedDedupIn) {
    Probe.Progress p = probe.progress();
    return p.lag() != null
        && p.lag() == 0
        && p.dedup() != null
        && p.dedup().in() >= expectedDedupIn;
  }

  /** Flink lists an operator's metrics once its metric fetcher has run (every 10 s). */
  Probe.Progress awaitDedupCounters() {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Probe.Progress p = probe.progress();
    while (p.dedup() == null && System.nanoTime() < deadline) {
      Sampler.sleep(1_000);
      p = probe.progress();
    }
    if (p.dedup() == null) {
      throw new IllegalStateException(
          "the dedup operator's counters (duplicateEvents) are not in Flink's REST API after 2"
              + " minutes; job "
              + p.jobId()
              + " is "
              + p.jobState());
    }
    return p;
  }

  private String createServerKey(Endpoints endpoints) throws IOException {
    return Rest.post(
            endpoints.console() + "/api/keys",
            adminToken,
            "application/json",
            "{\"name\": \"soak " + run + "\"}",
            201)
        .path("key")
        .asString();
  }

  // What the checks share with the run.

  SoakOptions options() {
    return options;
  }

  SoakTarget target() {
    return target;
  }

  Sampler sampler() {
    return sampler;
  }

  Probe probe() {
    return probe;
  }

  Checks checks() {
    return checks;
  }

  ActivityEvents events() {
    return events;
  }

  Traffic traffic() {
    return traffic;
  }

  Traffic.Run load() {
    return load;
  }

  PrintStream out() {
    return out;
  }

  /** After a restart the runtime listens on new ports. */
  void reconnect(Endpoints endpoints) {
    probe = new Probe(endpoints, adminToken);
    sampler.probe(probe);
    traffic = new Traffic(endpoints.collector(), apiKey, events, options.connections());
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }
}
