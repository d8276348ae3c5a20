package dev.tenantpulse.collector.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.ingest.fuzz.EventTimes.Moment;
import dev.tenantpulse.collector.ingest.fuzz.EventTimes.Stamp;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.collector.support.TopicEvents;
import dev.tenantpulse.collector.support.TopicEvents.Received;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/**
 * Twelve thousand seeded timestamps at and beyond every edge of the event time rule ({@link
 * EventTimes}) through the running collector and its real broker, 500 per request, on both APIs.
 * Each event is accepted exactly when the test's own calendar arithmetic puts a well-formed text
 * within [2000-01-01T00:00:00Z, receive time + 5 min]; no answer is a 5xx; exactly the accepted
 * events reach the topic, each with the instant the test computed.
 *
 * <p>The collector's clock is frozen, so the upper bound is known to the nanosecond. Deterministic:
 * {@code -Dfuzz.seed=} tries another seed.
 */
@CollectorTest
class EventTimeBoundsFuzzTests extends CollectorTestBase {

  private static final long SEED = Long.getLong("fuzz.seed", 20261206L);
  private static final int BATCHES = 24;
  private static final int PER_BATCH = 500;
  private static final Instant RECEIVED =
      Instant.now().truncatedTo(ChronoUnit.MICROS).plusNanos(789);

  @TestConfiguration(proxyBeanMethods = false)
  static class FrozenClock {
    @Bean
    @Primary
    Clock frozenClock() {
      return Clock.fixed(RECEIVED, ZoneOffset.UTC);
    }
  }

  /** One event or message sent, with what the test expects of it. */
  private record Sent(String id, Stamp stamp, Moment expected) {}

  @Test
  void acceptsExactlyTheTimestampsWithinTheBoundsAndStoresTheirInstants() {
    Moment received = new Moment(RECEIVED.getEpochSecond(), RECEIVED.getNano());
    EventTimes times = new EventTimes(SEED, received);
    String prefix = "time-fuzz-" + UUID.randomUUID() + "-";
    List<String> failures = new ArrayList<>();
    Map<String, Integer> kinds = new TreeMap<>();
    Map<String, Moment> accepted = new HashMap<>();
    int rejectedCount = 0;
    for (int b = 0; b < BATCHES; b++) {
      boolean segment = b % 3 == 2;
      List<Sent> sent = new ArrayList<>(PER_BATCH);
      List<String> items = new ArrayList<>(PER_BATCH);
      for (int i = 0; i < PER_BATCH; i++) {
        String id = prefix + b + "-" + i;
        Stamp stamp = times.next();
        kinds.merge(stamp.kind(), 1, Integer::sum);
        Moment expected = times.inBounds(stamp) ? stamp.moment() : null;
        if (segment) {
          int variant = (b * PER_BATCH + i) % 3;
          if (variant < 2 && stamp.json() && stamp.text().equals("null")) {
            expected = received; // Segment's null is no time given: the receive time
          }
          items.add(segmentMessage(id, stamp, variant));
        } else {
          items.add(nativeEvent(id, stamp, i % 20 == 0));
        }
        sent.add(new Sent(id, stamp, expected));
      }
      HttpResponse<String> response = send(segment, items);
      rejectedCount += judge(b, segment, sent, response, failures);
      sent.stream().filter(s -> s.expected != null).forEach(s -> accepted.put(s.id, s.expected));
    }

    assertThat(failures).as("seed %d; kinds %s", SEED, kinds).isEmpty();
    assertThat(accepted.size() + rejectedCount).isEqualTo(BATCHES * PER_BATCH);
    assertThat(accepted).as("accepted").hasSizeGreaterThan(1_000);
    assertThat(rejectedCount).as("rejected").isGreaterThan(3_000);

    List<Received> stored =
        TopicEvents.withIdPrefix(TOPIC, prefix, accepted.size(), Duration.ofSeconds(60));
    Map<String, Moment> onTopic = new HashMap<>();
    for (Received r : stored) {
      Instant t = r.event().timestamp();
      onTopic.put(r.event().id(), new Moment(t.getEpochSecond(), t.getNano()));
    }
    assertThat(stored).as("no event stored twice").hasSize(onTopic.size());
    assertThat(onTopic).isEqualTo(accepted);
  }

  /** Compares an answer with the expectations; answers how many events it rejected. */
  private static int judge(
      int batch,
      boolean segment,
      List<Sent> sent,
      HttpResponse<String> response,
      List<String> failures) {
    String where = (segment ? "Segment" : "native") + " batch " + batch;
    if (response.statusCode() != 200) {
      failures.add(where + " answered " + response.statusCode() + ": " + cut(response.body()));
      return 0;
    }
    JsonNode body = json(response);
    Set<Integer> rejected = new HashSet<>();
    for (JsonNode r : body.get("rejected")) {
      int index = r.get("index").asInt();
      rejected.add(index);
      Sent s = sent.get(index);
      String error = r.path("error").asString("");
      String problem = null;
      if (s.expected != null) {
        problem = "rejected although in bounds";
      } else if (!r.path("fields").toString().contains("\"timestamp\"")) {
        problem = "rejected for other fields than the timestamp";
      } else if (s.stamp.moment() != null
          && s.stamp.plainYear()
          && !namesTheBound(s.stamp, error)) {
        problem = "rejected without naming the bound";
      }
      if (problem != null) {
        failures.add(where + " #" + index + " " + s.stamp + ": " + problem + ": " + error);
      }
    }
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i).expected == null && !rejected.contains(i)) {
        failures.add(
            where + " #" + i + " " + sent.get(i).stamp + ": accepted although out of bounds");
      }
    }
    int accepted = body.get("accepted").asInt();
    if (accepted != sent.size() - rejected.size()) {
      failures.add(
          where
              + ": accepted "
              + accepted
              + " of "
              + sent.size()
              + " with "
              + rejected.size()
              + " rejected");
    }
    return rejected.size();
  }

  private static boolean namesTheBound(Stamp stamp, String error) {
    return stamp.moment().compareTo(EventTimes.EARLIEST) < 0
        ? error.contains("before 2000-01-01T00:00:00Z")
        : error.contains("more than 5 minutes after the receive time");
  }

  private static String timestampMember(String name, Stamp stamp) {
    String value = stamp.json() ? stamp.text() : JSON.writeValueAsString(stamp.text());
    return "\"" + name + "\":" + value;
  }

  /** An activity, or every twentieth a plan change (which the plan store must also survive). */
  private static String nativeEvent(String id, Stamp stamp, boolean planChange) {
    String type =
        planChange
            ? "\"type\":\"plan_changed\",\"plan\":\"professional\""
            : "\"type\":\"activity\"";
    return "{\"id\":\""
        + id
        + "\","
        + type
        + ",\"tenant_id\":\"time-fuzz\","
        + timestampMember("timestamp", stamp)
        + "}";
  }

  /**
   * A track with the stamp as {@code timestamp} (variant 0), as {@code originalTimestamp} alone
   * (1), or as {@code timestamp} beside an {@code originalTimestamp} that must not count (2).
   */
  private static String segmentMessage(String id, Stamp stamp, int variant) {
    String times =
        switch (variant) {
          case 0 -> timestampMember("timestamp", stamp);
          case 1 -> timestampMember("originalTimestamp", stamp);
          default ->
              timestampMember("timestamp", stamp)
                  + ",\"originalTimestamp\":\"-999999999-01-01T00:00:00Z\"";
        };
    return "{\"type\":\"track\",\"messageId\":\""
        + id
        + "\",\"event\":\"Opened\","
        + "\"context\":{\"groupId\":\"time-fuzz\"},"
        + times
        + "}";
  }

  private HttpResponse<String> send(boolean segment, List<String> items) {
    if (!segment) {
      return postEvents(SERVER_KEY, batch(items.toArray(String[]::new)));
    }
    // sentAt is not used: an impossible one changes nothing
    String body =
        "{\"sentAt\":\"+999999999-12-31T23:59:60Z\",\"batch\":[" + String.join(",", items) + "]}";
    String basic =
        Base64.getEncoder().encodeToString((SERVER_KEY + ":").getBytes(StandardCharsets.UTF_8));
    return post("/v1/batch", "Basic " + basic, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String cut(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
