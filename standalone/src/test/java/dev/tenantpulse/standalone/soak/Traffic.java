package dev.tenantpulse.standalone.soak;

import dev.tenantpulse.standalone.support.Http;
import dev.tenantpulse.tenancy.events.EventLimits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * Posts events to {@code POST /v1/events} in 500-event batches over a few keep-alive connections
 * (one virtual thread each) on a fixed schedule: batch {@code b} is due at {@code start + b * 500 /
 * rate} whatever happened before, and its latency counts from when it was due, so a stalled
 * collector shows in the percentiles instead of silently lowering the rate (no coordinated
 * omission). A failed request is not retried: it is counted, and its batch is remembered so no
 * later check assumes its events arrived.
 *
 * <p>The collector's load generator (collector {@code loadgen}) schedules the same way, but its
 * transport is package-private and its bodies are a fixed pool; at 500 events per request the JDK's
 * client costs about 0.6 ms of CPU per request, 30 ms/s at 25,000 events/s.
 */
final class Traffic {

  static final int BATCH = EventLimits.MAX_EVENTS_PER_REQUEST;

  private final URI endpoint;
  private final String authorization;
  private final ActivityEvents events;
  private final int connections;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  Traffic(String collector, String apiKey, ActivityEvents events, int connections) {
    this.endpoint = URI.create(collector + "/v1/events");
    this.authorization = "Bearer " + apiKey;
    this.events = events;
    this.connections = connections;
  }

  /**
   * Starts posting the events numbered {@code numberAt(i)}, i in [0, count), at {@code rate}
   * events/s; no batch is sent once {@code deadline} (a {@link System#nanoTime()}) has passed.
   */
  Run start(LongUnaryOperator numberAt, long count, double rate, long deadline) {
    Run run = new Run(numberAt, count, 1e9 * BATCH / rate, deadline);
    for (int i = 0; i < connections; i++) {
      run.workers.add(Thread.ofVirtual().name("soak-" + i).start(run::work));
    }
    return run;
  }

  /** What the client saw so far: events in answered requests, accepted, refused. */
  record Counts(long sent, long accepted, long rejectedEvents, long failedRequests) {}

  final class Run {
    private final LongUnaryOperator numberAt;
    private final long count;
    private final long batches;
    private final double periodNanos;
    private final long deadline;
    private final long start = System.nanoTime();
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedRequests = new AtomicLong();
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private final Set<Long> failedBatches = ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();
    private final Object latencyLock = new Object();
    private int[] latencyMicros = new int[1024];
    private int latencyCount;
    private volatile boolean cutOff;

    private Run(LongUnaryOperator numberAt, long count, double periodNanos, long deadline) {
      this.numberAt = numberAt;
      this.count = count;
      this.batches = (count + BATCH - 1) / BATCH;
      this.periodNanos = periodNanos;
      this.deadline = deadline;
    }

    private void work() {
      while (true) {
        long batch = tickets.getAndIncrement();
        long due = start + Math.round(batch * periodNanos);
        if (batch >= batches || due - deadline > 0) {
          if (batch < batches) {
            cutOff = true;
          }
          return;
        }
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        long from = batch * BATCH;
        long to = Math.min(count, from + BATCH);
        String failure = post(events.body(numberAt, from, to, System.currentTimeMillis()));
        sent.addAndGet(to - from);
        record(System.nanoTime() - due);
        if (failure != null) {
          failedRequests.incrementAndGet();
          failedBatches.add(batch);
          failures.merge(failure, 1L, Long::sum);
          if (failure.startsWith("io")) {
            LockSupport.parkNanos(100_000_000L); // the collector is unreachable: do not spin
          }
        }
      }
    }

    /** Posts one body; answers why it failed, null when it was answered 200. */
    private String post(byte[] body) {
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(60))
              .header("Authorization", authorization)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      try {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
          return Integer.toString(answer.statusCode());
        }
        JsonNode json = Http.JSON.readTree(answer.body());
        accepted.addAndGet(json.path("accepted").asLong());
        rejected.addAndGet(json.path("rejected").size());
        return null;
      } catch (IOException e) {
        return "io " + e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }

    private void record(long nanos) {
      synchronized (latencyLock) {
        if (latencyCount == latencyMicros.length) {
          latencyMicros = Arrays.copyOf(latencyMicros, latencyCount * 2);
        }
        latencyMicros[latencyCount++] = (int) Math.min(Integer.MAX_VALUE, nanos / 1_000);
      }
    }

    /** The latencies (µs, sorted) of the requests answered since the last call. */
    int[] drainLatencies() {
      int[] drained;
      synchronized (latencyLock) {
        drained = Arrays.copyOf(latencyMicros, latencyCount);
        latencyCount = 0;
      }
      Arrays.sort(drained);
      return drained;
    }

    Counts counts() {
      return new Counts(sent.get(), accepted.get(), rejected.get(), failedRequests.get());
    }

    /** Whether the batch holding event index {@code i} failed (its events may not have arrived). */
    boolean failed(long i) {
      return failedBatches.contains(i / BATCH);
    }

    /** Failures by cause (HTTP status or I/O exception). */
    Map<String, Long> failures() {
      return new TreeMap<>(failures);
    }

    boolean done() {
      return workers.stream().noneMatch(Thread::isAlive);
    }

    /** Whether the deadline stopped the run before every batch was sent. */
    boolean cutOff() {
      return cutOff;
    }

    /** Waits for the workers; a request in flight at the deadline still gets its answer. */
    void await() throws InterruptedException {
      for (Thread worker : workers) {
        worker.join();
      }
    }
  }

  /** The nearest-rank percentile ({@code q} in (0, 1]) of sorted samples, in milliseconds. */
  static double percentileMillis(int[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1_000.0;
  }
}
