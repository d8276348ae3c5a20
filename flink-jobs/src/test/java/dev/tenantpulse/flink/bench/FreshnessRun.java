package dev.tenantpulse.flink.bench;

import dev.tenantpulse.flink.job.TenantPulseJob;
import dev.tenantpulse.flink.testing.TestFlink;
import dev.tenantpulse.flink.testing.TestJobs;
import dev.tenantpulse.flink.testing.TestKafka;
import dev.tenantpulse.flink.testing.TestWarehouse;
import dev.tenantpulse.scenario.generate.Scenario;
import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.tenancy.events.EventCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole job, unbounded, while the scenario's arrivals are sent at a fixed rate; a poller reads
 * chDB every 100 ms.
 *
 * <ul>
 *   <li>Raw events: every 500th first copy is a probe; its latency runs from Kafka's
 *       acknowledgement (what "accepted" means to the collector) to the poll that first finds it in
 *       {@code events}.
 *   <li>Hourly rows: the job's event time passes hour H once an event of H + the disorder bound has
 *       been read (watermark = newest − bound); the latency runs from the acknowledgement of the
 *       first such event to the poll that first finds H in {@code active_tenants_hourly}.
 * </ul>
 *
 * Both are quantised by the 100 ms poll.
 */
final class FreshnessRun {

  record Result(double rate, long sent, Percentiles raw, Percentiles hourly) {}

  private static final long HOUR = 3_600_000;
  private static final int PROBE_EVERY = 500;

  private final BenchOptions options;
  private final Scenario scenario;
  private final double rate;
  private final Map<String, Long> probeAcks = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Long, Long> hourPassedAt = new ConcurrentSkipListMap<>();
  private final Percentiles raw = new Percentiles();
  private final Percentiles hourly = new Percentiles();
  private volatile long highestHourPassed = Long.MIN_VALUE;

  FreshnessRun(BenchOptions options, Scenario scenario, double rate) {
    this.options = options;
    this.scenario = scenario;
    this.rate = rate;
  }

  Result run() throws Exception {
    String topic = TestKafka.freshTopic("live", options.partitions());
    String db = TestWarehouse.migratedDatabase("live");
    Map<String, String> p = TestJobs.properties(topic, db);
    p.put("kafka.bounded", "false");
    p.put("parallelism", Integer.toString(options.parallelism()));
    p.put("checkpoint.interval", "10s");
    if (options.batchSize() > 0) {
      p.put("sink.batch-size", Integer.toString(options.batchSize()));
    }
    p.putAll(options.job());
    var config = TestJobs.config(p);
    long bound = config.eventTime().disorderBound().toMillis();
    StreamExecutionEnvironment env = TestFlink.env(options.parallelism());
    TenantPulseJob.build(env, config);
    JobClient job = env.executeAsync("bench-live");
    try {
      awaitRunning(job);
      Thread.sleep(3_000); // splits assigned, consumers connected
      Poller poller = new Poller(db);
      Thread polling = Thread.ofPlatform().name("freshness-poller").start(poller);
      long sent = send(topic, bound);
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (System.nanoTime() < deadline && (!probeAcks.isEmpty() || poller.hoursPending())) {
        Thread.sleep(200);
      }
      poller.stop();
      polling.join();
      return new Result(rate, sent, raw, hourly);
    } finally {
      job.cancel().get();
    }
  }

  private static void awaitRunning(JobClient job) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (job.getJobStatus().get() != JobStatus.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the live job did not start");
      }
      Thread.sleep(100);
    }
  }

  /** Sends arrivals at the rate for the live duration (or until they run out). */
  private long send(String topic, long bound) throws Exception {
    EventCodec codec = new EventCodec();
    List<ScenarioEvent> arrivals = scenario.arrivals();
    long start = System.nanoTime();
    long end = start + options.live().toNanos();
    int i = 0;
    try (KafkaProducer<String, byte[]> producer = producer()) {
      while (i < arrivals.size() && System.nanoTime() < end) {
        long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
        while (i < arrivals.size() && i < due) {
          ScenarioEvent a = arrivals.get(i);
          String probe =
              i % PROBE_EVERY == 0 && !a.duplicate()
                  ? a.event().tenantId() + "/" + a.event().id()
                  : null;
          long eventTime = a.event().timestamp().toEpochMilli();
          producer.send(
              new ProducerRecord<>(
                  topic,
                  null,
                  a.receivedAt().toEpochMilli(),
                  a.event().tenantId(),
                  codec.encode(a.event())),
              (metadata, error) -> acknowledged(error == null, probe, eventTime, bound));
          i++;
        }
        Thread.sleep(2);
      }
      producer.flush();
    }
    return i;
  }

  /** Runs on the producer's I/O thread, one at a time. */
  private void acknowledged(boolean ok, String probe, long eventTime, long bound) {
    if (!ok) {
      return;
    }
    long now = System.currentTimeMillis();
    if (probe != null) {
      probeAcks.put(probe, now);
    }
    long passed = Math.floorDiv(eventTime - bound - 1, HOUR) * HOUR;
    if (highestHourPassed == Long.MIN_VALUE) {
      highestHourPassed = passed; // hours before the first event never "pass" in this run
      return;
    }
    for (long h = highestHourPassed + HOUR; h <= passed; h += HOUR) {
      hourPassedAt.putIfAbsent(h, now);
    }
    highestHourPassed = Math.max(highestHourPassed, passed);
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /** Finds probes and new hourly rows every 100 ms. */
  private final class Poller implements Runnable {
    private final String db;
    private volatile boolean running = true;
    private long lastHourSeen = Long.MIN_VALUE;

    Poller(String db) {
      this.db = db;
    }

    void stop() {
      running = false;
    }

    boolean hoursPending() {
      Long last = hourPassedAt.isEmpty() ? null : hourPassedAt.lastKey();
      return last != null && last > lastHourSeen;
    }

    @Override
    public void run() {
      while (running) {
        try {
          pollProbes();
          pollHours();
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          System.err.println("freshness poll failed: " + e);
        }
      }
    }

    private void pollProbes() throws Exception {
      if (probeAcks.isEmpty()) {
        return;
      }
      List<String> pending = new ArrayList<>(probeAcks.keySet());
      StringBuilder in = new StringBuilder();
      for (String probe : pending.subList(0, Math.min(500, pending.size()))) {
        in.append(in.length() == 0 ? "'" : ",'").append(probe).append('\'');
      }
      List<List<Object>> found =
          TestWarehouse.rows(
              "SELECT concat(tenant_id, '/', event_id) FROM "
                  + db
                  + ".events WHERE concat(tenant_id, '/', event_id) IN ("
                  + in
                  + ")");
      long now = System.currentTimeMillis();
      for (List<Object> row : found) {
        Long acked = probeAcks.remove(String.valueOf(row.get(0)));
        if (acked != null) {
          raw.add(now - acked);
        }
      }
    }

    private void pollHours() throws Exception {
      List<List<Object>> rows =
          TestWarehouse.rows(
              "SELECT toUnixTimestamp(window_end) FROM "
                  + db
                  + ".active_tenants_hourly WHERE toUnixTimestamp(window_end) > "
                  + (lastHourSeen == Long.MIN_VALUE ? 0 : lastHourSeen / 1000)
                  + " GROUP BY window_end ORDER BY window_end");
      long now = System.currentTimeMillis();
      for (List<Object> row : rows) {
        long hour = ((Number) row.get(0)).longValue() * 1000;
        Long passed = hourPassedAt.get(hour);
        if (passed != null) {
          hourly.add(now - passed);
        }
        lastHourSeen = Math.max(lastHourSeen, hour);
      }
    }
  }
}
