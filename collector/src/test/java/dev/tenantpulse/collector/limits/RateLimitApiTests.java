package dev.tenantpulse.collector.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.collector.support.AdminClient;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.collector.support.TestKafka;
import dev.tenantpulse.tenancy.events.EventCodec;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A collector whose keys may send 5 events/s after a burst of 10. */
@CollectorTest
@TestPropertySource(
    properties = {
      "tenant-pulse.collector.rate-limit.events-per-second=5",
      "tenant-pulse.collector.rate-limit.burst-events=10"
    })
class RateLimitApiTests extends CollectorTestBase {

  private final AdminClient admin = new AdminClient(() -> port);
  private final EventCodec codec = new EventCodec();

  /** A key of its own per test, so each starts with a full bucket. */
  private String freshKey() {
    return admin.createKey("rate-" + UUID.randomUUID(), null).get("key").asString();
  }

  private static String events(String prefix, int count) {
    return batch(
        IntStream.range(0, count)
            .mapToObj(i -> activity(prefix + i, "acme"))
            .toArray(String[]::new));
  }

  @Test
  void refusesABatchOverTheRateWith429AndRetryAfterAndStoresNothingOfIt() {
    String key = freshKey();
    String p = "rate-" + UUID.randomUUID() + "-";
    assertThat(postEvents(key, events(p + "burst-", 10)).statusCode()).isEqualTo(200);

    HttpResponse<String> refused = postEvents(key, events(p + "over-", 5));

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(json(refused).get("code").asString()).isEqualTo("rate_limited");
    // The topic is shared by every test class: read all of it (the 200 came after Kafka's ack).
    List<String> stored =
        TestKafka.read(TOPIC, Integer.MAX_VALUE, Duration.ofSeconds(4)).stream()
            .map(r -> codec.decode(r.value()))
            .map(TenantEvent::id)
            .filter(id -> id.startsWith(p))
            .toList();
    assertThat(stored).hasSize(10).allMatch(id -> id.startsWith(p + "burst-"));
  }

  @Test
  void eachKeyHasItsOwnRate() {
    String spent = freshKey();
    assertThat(postEvents(spent, events("rate-a-" + UUID.randomUUID(), 10)).statusCode())
        .isEqualTo(200);
    assertThat(postEvents(spent, events("rate-a-" + UUID.randomUUID(), 10)).statusCode())
        .isEqualTo(429);
    assertThat(postEvents(freshKey(), events("rate-b-" + UUID.randomUUID(), 10)).statusCode())
        .isEqualTo(200);
  }
}
