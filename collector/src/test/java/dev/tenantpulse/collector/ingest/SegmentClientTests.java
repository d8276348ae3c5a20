package dev.tenantpulse.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import dev.tenantpulse.collector.support.CollectorTest;
import dev.tenantpulse.collector.support.CollectorTestBase;
import dev.tenantpulse.collector.support.TopicEvents;
import dev.tenantpulse.collector.support.TopicEvents.Received;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.TenantEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Segment's own Java SDK (analytics-java, unmodified, only pointed at the collector) sends through
 * the real HTTP stack; its events must arrive in Kafka mapped as the design says. The SDK posts to
 * {@code /v1/import/} with the write key in the body.
 */
@CollectorTest
class SegmentClientTests extends CollectorTestBase {

  @Test
  void eventsOfTheSegmentJavaSdkArriveInKafkaMappedAsDesigned() throws InterruptedException {
    String p = "sdk-" + UUID.randomUUID() + "-";
    String tenant = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> context = Map.of("groupId", tenant);
    CountDownLatch answered = new CountDownLatch(6);
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    Analytics analytics =
        Analytics.builder(SERVER_KEY)
            .endpoint("http://127.0.0.1:" + port)
            .callback(
                new Callback() {
                  @Override
                  public void success(Message message) {
                    answered.countDown();
                  }

                  @Override
                  public void failure(Message message, Throwable cause) {
                    failures.add(cause);
                    answered.countDown();
                  }
                })
            .build();
    try {
      analytics.enqueue(
          GroupMessage.builder(tenant)
              .userId("u-1")
              .messageId(p + "signup")
              .traits(Map.of("plan", "starter", "seats", 5)));
      analytics.enqueue(
          TrackMessage.builder("Feature Used")
              .userId("u-1")
              .messageId(p + "feature")
              .properties(Map.of("feature", "sso"))
              .context(context));
      analytics.enqueue(
          TrackMessage.builder("Onboarding Step Completed")
              .userId("u-1")
              .messageId(p + "step")
              .properties(Map.of("step", "team_invited"))
              .context(context));
      analytics.enqueue(
          IdentifyMessage.builder()
              .userId("u-1")
              .messageId(p + "identify")
              .traits(Map.of("email", "jane@example.com"))
              .context(context));
      analytics.enqueue(
          PageMessage.builder("Pricing")
              .anonymousId("anon-1")
              .messageId(p + "page")
              .properties(Map.of("tenant_id", tenant)));
      analytics.enqueue(
          GroupMessage.builder(tenant)
              .userId("u-1")
              .messageId(p + "upgrade")
              .traits(Map.of("plan", "professional")));
      analytics.flush();
      assertThat(answered.await(30, TimeUnit.SECONDS)).as("the SDK got its answers").isTrue();
      assertThat(failures).isEmpty();
    } finally {
      analytics.shutdown();
    }

    List<Received> received = TopicEvents.withIdPrefix(TOPIC, p, 6, Duration.ofSeconds(15));
    assertThat(received).extracting(Received::key).containsOnly(tenant);
    assertThat(received)
        .extracting(Received::event)
        .extracting(
            TenantEvent::id,
            TenantEvent::type,
            TenantEvent::tenantId,
            TenantEvent::feature,
            TenantEvent::step,
            TenantEvent::plan)
        .containsExactlyInAnyOrder(
            tuple(p + "signup", EventType.TENANT_SIGNED_UP, tenant, null, null, "starter"),
            tuple(p + "feature", EventType.FEATURE_USED, tenant, "sso", null, null),
            tuple(p + "step", EventType.ONBOARDING_STEP, tenant, null, "team_invited", null),
            tuple(p + "identify", EventType.ACTIVITY, tenant, null, null, null),
            tuple(p + "page", EventType.ACTIVITY, tenant, null, null, null),
            tuple(p + "upgrade", EventType.PLAN_CHANGED, tenant, null, null, "professional"));
    TenantEvent page = byId(received, p + "page");
    assertThat(page.userId()).isEqualTo("anon-1");
    assertThat(page.properties()).contains("\"event\":\"Pricing\"", "\"segment_type\":\"page\"");
    assertThat(byId(received, p + "identify").properties()).doesNotContain("jane@example.com");
    assertThat(byId(received, p + "signup").seats()).isEqualTo(5);
  }

  private static TenantEvent byId(List<Received> received, String id) {
    return received.stream()
        .map(Received::event)
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
