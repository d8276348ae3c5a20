package dev.tenantpulse.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.kafka.embedded.EmbeddedKafkaBroker;
import dev.tenantpulse.tenancy.events.EventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Stops and restarts a real broker under a collector taking traffic. The broker is this class's own
 * (not the JVM's shared one, which other test classes keep using), and the context is thrown away
 * afterwards because its producer knew a broker that is gone.
 *
 * <p>The contract under test: while Kafka is away a request answers 503 with Retry-After within the
 * ack timeout, readiness is DOWN and liveness UP; no event answered 200 is ever missing from the
 * topic (a 503'd event may or may not be there: the client retries it with the same id and the
 * Flink jobs dedup on (tenant_id, id)); and when the broker returns the same collector heals by
 * itself.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:collector-outage-${random.uuid};DB_CLOSE_DELAY=-1",
      "tenant-pulse.collector.ack-timeout=" + KafkaOutageTests.ACK_TIMEOUT_MS + "ms",
      // Far above the ack timeout on purpose: the collector must cap it, or send() blocked on
      // metadata would hold a request for 30 s.
      "spring.kafka.producer.properties.max.block.ms=30000",
      // Shorter than the outage, so records of refused requests expire inside the producer: the
      // path that makes an idempotent producer bump its epoch, which must not leave it stuck.
      "spring.kafka.producer.properties.delivery.timeout.ms=4000",
      "spring.kafka.producer.properties.request.timeout.ms=1500",
      "tenant-pulse.collector.seed-keys[0].name=outage-server",
      "tenant-pulse.collector.seed-keys[0].key=" + KafkaOutageTests.KEY
    })
@DirtiesContext
class KafkaOutageTests {

  static final int ACK_TIMEOUT_MS = 2_000;
  static final String KEY = "outage-test-server-key-0123456789";
  private static final String TOPIC = "tenant-events";
  private static final int CLIENTS = 4;
  private static final int EVENTS_PER_BATCH = 20;

  /** Scheduling on a loaded 2-core machine: what a 503 may take beyond the ack timeout. */
  private static final Duration SLACK = Duration.ofMillis(2_000);

  private static EmbeddedKafkaBroker broker;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Ledger ledger = new Ledger();

  @Value("${local.server.port}")
  int port;

  @Autowired MeterRegistry meters;

  /**
   * This class's own broker: a temporary data directory (kept across its stop and start, deleted by
   * close) and a port chosen on the first start and kept on restarts.
   */
  static synchronized EmbeddedKafkaBroker broker() {
    if (broker == null) {
      broker = EmbeddedKafkaBroker.builder().port(0).build();
      broker.start();
      broker.createTopic(TOPIC, 4);
    }
    return broker;
  }

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", () -> broker().bootstrapServers());
    registry.add("tenant-pulse.collector.topic", () -> TOPIC);
  }

  @AfterAll
  static void closeBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void brokerOutageAnswers503LosesNothingAnsweredOkAndHealsWithoutRestart() throws Exception {
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      clients.add(Thread.ofVirtual().name("client-" + c).start(() -> runClient(client)));
    }
    try {
      await("traffic accepted before the outage", Duration.ofSeconds(30), () -> ok() >= 200);
      assertThat(readiness().statusCode()).isEqualTo(200);

      broker().stop();

      // (a) A request sent while the broker is down gets 503 + Retry-After within the ack timeout.
      String probe = "probe-" + UUID.randomUUID() + "-";
      ids(probe, 5).forEach(id -> ledger.sent.put(id, true));
      long started = System.nanoTime();
      String probeBody = batch(probe, 5);
      HttpResponse<String> refused = post(probeBody);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      assertThat(refused.body()).contains("kafka_unavailable");
      assertThat(took).isLessThan(Duration.ofMillis(ACK_TIMEOUT_MS).plus(SLACK));
      ids(probe, 5).forEach(id -> ledger.refused.put(id, true));
      await(
          "every client saw a 503",
          Duration.ofSeconds(15),
          () -> ledger.clientsRefused() == CLIENTS);

      await(
          "records of refused requests expired in the producer",
          Duration.ofSeconds(20),
          () -> meters.counter("collector.kafka.failed.records").count() > 0);
      await(
          "readiness DOWN while the broker is down",
          Duration.ofSeconds(15),
          () -> readiness().statusCode() == 503);
      HttpResponse<String> liveness = get("/actuator/health/liveness");
      assertThat(liveness.statusCode()).isEqualTo(200);
      assertThat(liveness.body()).contains("UP");

      // (c) The same collector (no restart) takes traffic again once the broker is back.
      broker().start();
      int okAtRestart = ok();
      await(
          "readiness UP after the broker returned",
          Duration.ofSeconds(20),
          () -> readiness().statusCode() == 200);
      // (b) The refused request, retried as is, is answered 200.
      HttpResponse<String> retried = post(probeBody);
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
      assertThat(retried.body()).contains("\"accepted\":5");
      ids(probe, 5).forEach(id -> ledger.accepted.put(id, true));
      await(
          "ingestion resumed and every refused batch was retried to a 200",
          Duration.ofSeconds(20),
          () -> ok() >= okAtRestart + 200 && ledger.refusedAllLaterAccepted());
    } finally {
      ledger.stop = true;
      for (Thread t : clients) {
        t.join(Duration.ofSeconds(20));
      }
    }

    assertThat(ledger.unexpected).as("answers other than 200 and 503").isEmpty();
    assertThat(ledger.slow503).as("503s slower than the ack timeout + slack").isEmpty();
    assertThat(ledger.missingRetryAfter.get()).as("503s without Retry-After").isZero();

    // (b) Nothing answered 200 is missing; a 503'd event is there or not, duplicates are counted.
    Set<String> accepted = ledger.accepted.keySet();
    Map<String, Integer> inKafka = readTopic(accepted, Duration.ofSeconds(30));
    assertThat(accepted).isNotEmpty();
    assertThat(inKafka.keySet())
        .as("events answered 200 must all be in Kafka")
        .containsAll(accepted);
    assertThat(ledger.sent.keySet())
        .as("nothing in Kafka that was never sent")
        .containsAll(inKafka.keySet());
    // An id is in Kafka once per attempt that got through: the 200 one, plus every refused
    // attempt whose records were delivered anyway (in flight at the stop, or retried by the
    // producer after the broker returned). Only refused ids may therefore appear twice.
    List<String> duplicated =
        inKafka.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertThat(duplicated).allMatch(ledger.refused::containsKey);
    long extraCopies = inKafka.values().stream().mapToLong(n -> n - 1).sum();
    System.out.printf(
        "outage: %d events answered 200, all in Kafka; %d answered 503 at least once, then 200"
            + " on retry; %d of those also stored by a refused attempt (%d duplicate records),"
            + " %d not; responses by status %s%n",
        accepted.size(),
        ledger.refused.size(),
        duplicated.size(),
        extraCopies,
        ledger.refused.size() - duplicated.size(),
        ledger.statusCounts);
  }

  // --- the clients ------------------------------------------------------------------------------

  /** What every client sent and was answered, by event id. */
  static final class Ledger {
    final Map<String, Boolean> sent = new ConcurrentHashMap<>();
    final Map<String, Boolean> accepted = new ConcurrentHashMap<>();
    final Map<String, Boolean> refused = new ConcurrentHashMap<>();
    final Set<Integer> refusedClients = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicInteger> statusCounts = new ConcurrentHashMap<>();
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    final Queue<String> slow503 = new ConcurrentLinkedQueue<>();
    final AtomicInteger missingRetryAfter = new AtomicInteger();
    final AtomicInteger responses = new AtomicInteger();
    volatile boolean stop;

    int clientsRefused() {
      return refusedClients.size();
    }

    boolean refusedAllLaterAccepted() {
      return accepted.keySet().containsAll(refused.keySet());
    }
  }

  /**
   * Posts new batches until told to stop; a 503'd batch is retried with the same ids until a 200,
   * as a client honouring the contract would (the Retry-After is shortened: the test has no 5 s to
   * spare, and each refused attempt already took the ack timeout).
   */
  private void runClient(int client) {
    for (int b = 0; !ledger.stop; b++) {
      String prefix = "c" + client + "-b" + b + "-";
      String body = batch(prefix, EVENTS_PER_BATCH);
      List<String> ids = ids(prefix, EVENTS_PER_BATCH);
      ids.forEach(id -> ledger.sent.put(id, true));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
      while (System.nanoTime() < deadline) {
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
          response = post(body);
        } catch (RuntimeException e) {
          ledger.unexpected.add(prefix + ": " + e);
          return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ledger.responses.incrementAndGet();
        ledger
            .statusCounts
            .computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
            .incrementAndGet();
        if (response.statusCode() == 200) {
          ids.forEach(id -> ledger.accepted.put(id, true));
          break;
        }
        if (response.statusCode() != 503) {
          ledger.unexpected.add(prefix + ": " + response.statusCode() + " " + response.body());
          return;
        }
        ledger.refusedClients.add(client);
        ids.forEach(id -> ledger.refused.put(id, true));
        if (response.headers().firstValue("Retry-After").isEmpty()) {
          ledger.missingRetryAfter.incrementAndGet();
        }
        if (took.compareTo(Duration.ofMillis(ACK_TIMEOUT_MS).plus(SLACK)) > 0) {
          ledger.slow503.add(prefix + " took " + took.toMillis() + " ms");
        }
        // Pacing between retries (not waiting for a result): a refusal may come fast.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    }
  }

  private static List<String> ids(String prefix, int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(prefix + i);
    }
    return ids;
  }

  private static String batch(String prefix, int n) {
    String timestamp = Instant.now().minusSeconds(60).toString();
    StringBuilder json = new StringBuilder("{\"events\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"id\":\"")
          .append(prefix)
          .append(i)
          .append("\",\"type\":\"activity\",\"tenant_id\":\"tenant-")
          .append(i % 7)
          .append("\",\"timestamp\":\"")
          .append(timestamp)
          .append("\"}");
    }
    return json.append("]}").toString();
  }

  private int ok() {
    return ledger.accepted.size();
  }

  // --- HTTP, Kafka, waiting ---------------------------------------------------------------------

  private HttpResponse<String> post(String body) {
    return send(
        HttpRequest.newBuilder(uri("/v1/events"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<String> readiness() {
    return get("/actuator/health/readiness");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  /**
   * Every record of the topic as event id → copies, read until all {@code expected} ids showed up
   * or the deadline passed, then once more so that stragglers and duplicates show too.
   */
  private static Map<String, Integer> readTopic(Set<String> expected, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker().bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-check-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    EventCodec codec = new EventCodec();
    Map<String, Integer> copies = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !copies.keySet().containsAll(expected)) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(r -> copies.merge(codec.decode(r.value()).id(), 1, Integer::sum));
      }
      consumer
          .poll(Duration.ofMillis(500))
          .forEach(r -> copies.merge(codec.decode(r.value()).id(), 1, Integer::sum));
    }
    return copies;
  }
}
