package dev.tenantpulse.standalone.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantpulse.standalone.console.ConsoleException;
import dev.tenantpulse.standalone.console.RecomputeLauncher;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * The launcher's bookkeeping around flink-jobs' recompute entry point, with an entry point of this
 * test standing in for the batch job: one run at a time, its outcome kept, failures reported.
 */
class RecomputeLauncherTests {

  private static final Instant FROM = Instant.parse("2026-01-05T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-01-12T00:00:00Z");

  static volatile CountDownLatch release = new CountDownLatch(0);
  static volatile Map<String, String> lastConfig;
  static volatile RuntimeException failure;

  /** Stands in for JobConfig.fromProperties. */
  public static Object config(Map<String, String> properties) {
    lastConfig = properties;
    return properties;
  }

  /** Stands in for Recompute.run(config, from, to): waits until released, or fails. */
  public static void run(Object config, Instant from, Instant to) throws InterruptedException {
    release.await(30, TimeUnit.SECONDS);
    if (failure != null) {
      throw failure;
    }
  }

  private RecomputeLauncher launcher() throws Exception {
    return new Recomputes.FlinkJobsRecompute(
        getClass().getMethod("config", Map.class),
        getClass().getMethod("run", Object.class, Instant.class, Instant.class),
        () ->
            new StreamingPipeline.PipelineEndpoints(
                "127.0.0.1:9092", "tenant-events", "jdbc:chdb:/x"),
        Map.of("events.allowed-lateness", "2h"));
  }

  private static RecomputeLauncher.Run await(RecomputeLauncher launcher, String id)
      throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < end) {
      RecomputeLauncher.Run run = launcher.find(id).orElseThrow();
      if (!run.state().equals("RUNNING")) {
        return run;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("recompute " + id + " still running");
  }

  @Test
  void runsOneAtATimeAndKeepsTheOutcome() throws Exception {
    failure = null;
    release = new CountDownLatch(1);
    RecomputeLauncher launcher = launcher();

    RecomputeLauncher.Run first = launcher.start(FROM, TO);

    assertThat(first.state()).isEqualTo("RUNNING");
    assertThatThrownBy(() -> launcher.start(FROM, TO))
        .isInstanceOfSatisfying(
            ConsoleException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    release.countDown();
    RecomputeLauncher.Run done = await(launcher, first.id());
    assertThat(done.state()).isEqualTo("FINISHED");
    assertThat(done.finishedAt()).isNotNull();
    assertThat(lastConfig)
        .containsEntry("kafka.bootstrap-servers", "127.0.0.1:9092")
        .containsEntry("clickhouse.url", "jdbc:chdb:/x")
        .containsEntry("events.allowed-lateness", "2h");
    assertThat(launcher.start(FROM, TO).state()).isEqualTo("RUNNING"); // free again
  }

  @Test
  void aQueuedRecomputeWaitsForTheRunningOneInsteadOfBeingRefused() throws Exception {
    failure = null;
    release = new CountDownLatch(1);
    RecomputeLauncher launcher = launcher();
    RecomputeLauncher.Run first = launcher.start(FROM, TO);

    RecomputeLauncher.Run queued = launcher.enqueue(FROM, TO);

    assertThat(queued.state()).isEqualTo("SUBMITTED");
    Thread.sleep(100); // it must still be waiting: the first holds the slot
    assertThat(launcher.find(queued.id()).orElseThrow().state()).isEqualTo("SUBMITTED");
    release.countDown();
    assertThat(await(launcher, first.id()).state()).isEqualTo("FINISHED");
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (launcher.find(queued.id()).orElseThrow().state().equals("SUBMITTED")
        && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(await(launcher, queued.id()).state()).isEqualTo("FINISHED");
  }

  @Test
  void reportsAFailedRecomputeWithItsReason() throws Exception {
    failure = new IllegalStateException("ClickHouse refused the batch");
    release = new CountDownLatch(0);
    RecomputeLauncher launcher = launcher();

    RecomputeLauncher.Run done = await(launcher, launcher.start(FROM, TO).id());

    assertThat(done.state()).isEqualTo("FAILED");
    assertThat(done.error()).contains("ClickHouse refused the batch");
  }
}
