package dev.tenantpulse.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.tenantpulse.collector.auth.ApiKeyPrincipal;
import dev.tenantpulse.collector.entitlements.TenantPlans;
import dev.tenantpulse.collector.limits.RateLimiter;
import dev.tenantpulse.collector.web.ApiException;
import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventValidator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The streaming pass ({@link StreamedBodies}, {@link dev.tenantpulse.tenancy.events.StreamedEvent})
 * against the tree path it replaces, on thousands of generated bodies ({@link GeneratedBodies}):
 * valid events, every kind of bad field, wrong types, missing, unknown and duplicate keys, nested
 * junk, huge numbers, unicode, truncated and malformed JSON, empty and oversized batches, bodies
 * that are not a batch. For each, both must give the same answer: the same 4xx (status, code,
 * message, details) or the same accepted count, the same rejections (index, id, reasons, fields)
 * and the same events published with the same bytes.
 *
 * <p>Deterministic: the seed is fixed ({@code -Dstream.seed=} to try another, {@code
 * -Dstream.bodies=} for more).
 */
class StreamedIngestEquivalenceTests {

  private static final long SEED = Long.getLong("stream.seed", 20261207L);
  private static final int BODIES = Integer.getInteger("stream.bodies", 4000);
  private static final Instant NOW = Instant.parse("2026-12-07T02:00:00.123456789Z");

  private static final ApiKeyPrincipal SERVER = new ApiKeyPrincipal("server", "server", null);
  private static final ApiKeyPrincipal CLIENT =
      new ApiKeyPrincipal("client", "client", GeneratedBodies.CLIENT_TENANT);

  private final List<EncodedEvent> published = new ArrayList<>();
  private final EventsController controller = new EventsController(null, service());

  private IngestService service() {
    return new IngestService(
        new EventValidator(PlanCatalog.defaultCatalog()),
        (events, receivedAt) -> {
          assertThat(receivedAt).isEqualTo(NOW);
          published.addAll(events);
        },
        new RateLimiter(1_000_000_000, 1_000_000_000, System::nanoTime, "events"),
        mock(TenantPlans.class),
        Clock.fixed(NOW, ZoneOffset.UTC),
        new SimpleMeterRegistry());
  }

  @Test
  void streamingPassAnswersEveryGeneratedBodyExactlyAsTheTreePath() {
    GeneratedBodies bodies = new GeneratedBodies(SEED, NOW);
    Map<String, Integer> outcomes = new TreeMap<>();
    int streamed = 0;
    int invalidEvents = 0;
    int validEvents = 0;
    for (int n = 0; n < BODIES; n++) {
      GeneratedBodies.Body body = bodies.next();
      ApiKeyPrincipal key = n % 5 == 0 ? CLIENT : SERVER;
      String tree = answer(() -> controller.ingestTree(key, body.bytes()));
      String stream = answer(() -> controller.ingestBody(key, body.bytes()));
      assertThat(stream)
          .as("body %d (%s), seed %d: %s", n, body.kind(), SEED, body.text())
          .isEqualTo(tree);
      boolean wasStreamed = readsAsStream(body.bytes());
      if (wasStreamed) {
        streamed++;
      }
      outcomes.merge(body.kind() + (wasStreamed ? " streamed" : " tree"), 1, Integer::sum);
      assertThat(tree).as("body %d (%s): never a 500", n, body.kind()).doesNotStartWith("500");
      if (tree.startsWith("200")) {
        invalidEvents += count(tree, "Rejection[");
        validEvents += Integer.parseInt(tree.substring(4, tree.indexOf(' ', 4)));
      }
    }
    // The comparison means something only if the stream actually answered most batches itself,
    // with plenty of both outcomes per event.
    assertThat(streamed).as("bodies read as a stream; %s", outcomes).isGreaterThan(BODIES / 2);
    assertThat(validEvents).as("accepted events").isGreaterThan(BODIES);
    assertThat(invalidEvents).as("rejected events").isGreaterThan(BODIES);
    assertThat(outcomes.keySet())
        .as("the tree decides malformed bodies")
        .contains("truncated tree", "not a batch tree", "duplicate key tree");
  }

  private static boolean readsAsStream(byte[] body) {
    try {
      return StreamedBodies.events(body) != null;
    } catch (ApiException e) {
      return false;
    }
  }

  /** The whole answer as text: the result or the refusal, and every published event and byte. */
  private String answer(java.util.function.Supplier<IngestResult> ingest) {
    published.clear();
    StringBuilder out = new StringBuilder();
    try {
      IngestResult result = ingest.get();
      out.append("200 ").append(result.accepted()).append(' ').append(result.rejected());
    } catch (ApiException e) {
      out.append(e.status().value())
          .append(' ')
          .append(e.code())
          .append(' ')
          .append(e.getMessage())
          .append(' ')
          .append(e.details());
    } catch (RuntimeException e) {
      // Not a client error: a 500. Both paths must still agree, and the fuzz tests forbid it.
      out.append("500 ").append(e.getClass().getName());
    }
    for (EncodedEvent e : published) {
      out.append("\n  ")
          .append(e.event())
          .append(" -> ")
          .append(new String(e.json(), StandardCharsets.UTF_8))
          .append(' ')
          .append(Arrays.hashCode(e.json()));
    }
    return out.toString();
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
