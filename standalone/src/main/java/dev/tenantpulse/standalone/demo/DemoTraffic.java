package dev.tenantpulse.standalone.demo;

import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.standalone.lifecycle.Service;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --demo}: creates a server API key through the operator API, sends the {@link DemoScenario}
 * through the public ingestion API (batches of 500, as an SDK would), then keeps the still-active
 * tenants sending a trickle of activity each minute. While it runs it prints what the metric tables
 * show and the process's resident memory; the webhook receiver prints the alert.
 */
public final class DemoTraffic implements Service {

  private static final int BATCH = 500;
  private static final Duration TRICKLE_EVERY = Duration.ofMinutes(1);
  private static final Duration WATCH_EVERY = Duration.ofSeconds(20);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Supplier<String> collectorUrl;
  private final Supplier<String> consoleUrl;
  private final String adminToken;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final EventCodec codec = new EventCodec();
  private ScheduledExecutorService background;
  private String lastShown = "";

  public DemoTraffic(
      Supplier<String> collectorUrl,
      Supplier<String> consoleUrl,
      String adminToken,
      PrintStream out) {
    this.collectorUrl = collectorUrl;
    this.consoleUrl = consoleUrl;
    this.adminToken = adminToken;
    this.out = out;
  }

  @Override
  public String name() {
    return "Demo traffic";
  }

  @Override
  public Started start() throws Exception {
    String key = createKey();
    DemoScenario scenario = DemoScenario.endingAt(Instant.now());
    long accepted = 0;
    long rejected = 0;
    List<ScenarioEvent> events = scenario.events();
    for (int from = 0; from < events.size(); from += BATCH) {
      JsonNode answer = send(key, events.subList(from, Math.min(events.size(), from + BATCH)));
      accepted += answer.path("accepted").asLong();
      rejected += answer.path("rejected").size();
    }
    background = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
    List<String> active = scenario.stillActive();
    background.scheduleWithFixedDelay(
        () -> trickle(key, active),
        TRICKLE_EVERY.toSeconds(),
        TRICKLE_EVERY.toSeconds(),
        TimeUnit.SECONDS);
    background.scheduleWithFixedDelay(
        this::watch, WATCH_EVERY.toSeconds(), WATCH_EVERY.toSeconds(), TimeUnit.SECONDS);
    return Started.at(
        String.format(
            Locale.ROOT,
            "%d tenants, %d events over the %d days ending %s sent (%d accepted, %d refused);"
                + " %d tenants stay active, the others went silent 24 h ago",
            DemoScenario.TENANTS,
            events.size(),
            DemoScenario.DAYS,
            scenario.end(),
            accepted,
            rejected,
            active.size()));
  }

  private String createKey() throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(consoleUrl.get() + "/api/keys"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"demo traffic\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      throw new IOException(
          "creating the demo's API key answered " + answer.statusCode() + ": " + answer.body());
    }
    return JSON.readTree(answer.body()).path("key").asString();
  }

  private JsonNode send(String key, List<ScenarioEvent> batch)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode array = body.putArray("events");
    for (ScenarioEvent arrival : batch) {
      array.add(codec.toJson(arrival.event()));
    }
    return post(key, body);
  }

  private JsonNode post(String key, ObjectNode body) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(collectorUrl.get() + "/v1/events"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("the collector answered " + answer.statusCode() + ": " + answer.body());
    }
    return JSON.readTree(answer.body());
  }

  /** A live minute: about half of the still-active tenants do something. */
  private void trickle(String key, List<String> active) {
    Random random = new Random();
    ObjectNode body = JSON.createObjectNode();
    ArrayNode array = body.putArray("events");
    Instant now = Instant.now();
    for (String tenant : active) {
      if (random.nextBoolean()) {
        array.add(
            codec.toJson(
                TenantEvent.builder(
                        EventType.ACTIVITY, "demo-live-" + UUID.randomUUID(), tenant, now)
                    .build()));
      }
    }
    try {
      if (!array.isEmpty()) {
        post(key, body);
      }
    } catch (IOException | RuntimeException e) {
      out.println("demo: live traffic failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Prints the newest closed hour once it changes, with the process's resident memory. */
  private void watch() {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(consoleUrl.get() + "/api/sql"))
                  .header("Authorization", "Bearer " + adminToken)
                  .header("Content-Type", "text/plain")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "SELECT window_end, active_24h, round(weekly_avg, 1), round(drop_ratio, 3)"
                              + " FROM active_tenants_hourly FINAL ORDER BY window_end DESC LIMIT 1"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode rows = JSON.readTree(answer.body()).path("rows");
      String shown =
          rows.isEmpty()
              ? "no closed hour in active_tenants_hourly yet"
              : String.format(
                  Locale.ROOT,
                  "newest closed hour %s: active_24h=%s weekly_avg=%s drop_ratio=%s",
                  rows.get(0).get(0).asString(),
                  rows.get(0).get(1).asString(),
                  rows.get(0).get(2).asString(),
                  rows.get(0).get(3).asString());
      if (!shown.equals(lastShown)) {
        lastShown = shown;
        out.println("demo: " + shown + " (process RSS " + residentMemory() + ")");
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      out.println("demo: could not read the metric tables: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** VmRSS of this process, from /proc (Linux). */
  static String residentMemory() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.2f GB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: nothing to show
    }
    return "unknown";
  }

  @Override
  public void stop() {
    if (background != null) {
      background.shutdownNow();
    }
  }
}
