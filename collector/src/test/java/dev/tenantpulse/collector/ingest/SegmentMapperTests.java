package dev.tenantpulse.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import dev.tenantpulse.tenancy.events.EventType;
import dev.tenantpulse.tenancy.events.EventValidator;
import dev.tenantpulse.tenancy.events.FieldProblem;
import dev.tenantpulse.tenancy.events.TenantEvent;
import dev.tenantpulse.tenancy.events.ValidationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The design's Segment mapping, message by message, without HTTP or Kafka. */
class SegmentMapperTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private final EventValidator validator = new EventValidator(PlanCatalog.defaultCatalog());
  private final Set<String> tenantsWithPlan = Set.of("known-tenant");
  private final SegmentMapper mapper = new SegmentMapper(validator, tenantsWithPlan::contains);

  private SegmentMapper.Mapped map(String batchContext, String... messages) {
    List<JsonNode> nodes = new ArrayList<>();
    for (String m : messages) {
      nodes.add(JSON.readTree(m));
    }
    return mapper.map(nodes, batchContext == null ? null : JSON.readTree(batchContext), NOW);
  }

  /** The one message's event after native validation; fails when the mapping refused it. */
  private TenantEvent event(String message) {
    SegmentMapper.Mapped mapped = map(null, message);
    assertThat(mapped.refused()).isEmpty();
    ValidationResult result = validator.validate(mapped.events().get(0), NOW);
    assertThat(result.problems()).isEmpty();
    return result.event();
  }

  @Test
  void mapsAFeatureUsedTrackToFeatureUsedWithMessageIdAndGroupIdFromContext() {
    TenantEvent e =
        event(
            """
            {"type":"track","messageId":"m-1","timestamp":"2026-11-27T10:00:00.123Z","userId":"u-1",
             "event":"Feature Used","properties":{"feature":"sso","plan_seen":"pro"},
             "context":{"groupId":"acme"}}""");
    assertThat(e.id()).isEqualTo("m-1");
    assertThat(e.type()).isEqualTo(EventType.FEATURE_USED);
    assertThat(e.tenantId()).isEqualTo("acme");
    assertThat(e.feature()).isEqualTo("sso");
    assertThat(e.userId()).isEqualTo("u-1");
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-11-27T10:00:00.123Z"));
    assertThat(e.properties()).contains("\"plan_seen\":\"pro\"");
  }

  @Test
  void mapsOnboardingStepAndUsageTracks() {
    TenantEvent step =
        event(
            """
            {"type":"track","messageId":"m-2","event":"Onboarding Step Completed",
             "properties":{"step":"data_connected","tenant_id":"acme"}}""");
    assertThat(step.type()).isEqualTo(EventType.ONBOARDING_STEP);
    assertThat(step.step()).isEqualTo("data_connected");
    TenantEvent usage =
        event(
            """
            {"type":"track","messageId":"m-3","event":"Usage Recorded",
             "properties":{"meter":"api_calls","quantity":250,"tenant_id":"acme"}}""");
    assertThat(usage.type()).isEqualTo(EventType.USAGE);
    assertThat(usage.meter()).isEqualTo("api_calls");
    assertThat(usage.quantity()).isEqualTo(250.0);
  }

  @Test
  void takesTheTenantFromContextThenPropertiesThenTheGroupCallsGroupId() {
    String all =
        """
        {"type":"group","messageId":"m","groupId":"from-group","context":{"groupId":"from-context"},
         "properties":{"tenant_id":"from-properties"}}""";
    assertThat(event(all).tenantId()).isEqualTo("from-context");
    assertThat(event(all.replace("\"groupId\":\"from-context\"", "\"x\":1")).tenantId())
        .isEqualTo("from-properties");
    assertThat(
            event("{\"type\":\"group\",\"messageId\":\"m\",\"groupId\":\"from-group\"}").tenantId())
        .isEqualTo("from-group");
    // groupId counts only on a group call: on a track it is not the tenant.
    assertThat(
            map(null, "{\"type\":\"track\",\"messageId\":\"m\",\"event\":\"X\",\"groupId\":\"g\"}")
                .refused())
        .containsKey(0);
  }

  @Test
  void usesTheBatchContextGroupIdForMessagesWithoutTheirOwn() {
    SegmentMapper.Mapped mapped =
        map(
            "{\"groupId\":\"batch-tenant\"}",
            "{\"type\":\"identify\",\"messageId\":\"m-1\",\"userId\":\"u\"}",
            "{\"type\":\"identify\",\"messageId\":\"m-2\",\"context\":{\"groupId\":\"own\"}}");
    assertThat(mapped.events().get(0).get("tenant_id").asString()).isEqualTo("batch-tenant");
    assertThat(mapped.events().get(1).get("tenant_id").asString()).isEqualTo("own");
  }

  @Test
  void refusesAMessageWithoutTenantNamingWhereTheTenantComesFrom() {
    SegmentMapper.Mapped mapped =
        map(null, "{\"type\":\"track\",\"messageId\":\"m-1\",\"event\":\"Clicked\"}");
    assertThat(mapped.refused().get(0))
        .extracting(FieldProblem::reason)
        .singleElement()
        .asString()
        .contains("no tenant", "context.groupId", "properties.tenant_id", "groupId");
  }

  @Test
  void groupWithPlanIsASignupForANewTenantOnceThenPlanChanges() {
    SegmentMapper.Mapped mapped =
        map(
            null,
            "{\"type\":\"group\",\"messageId\":\"g-1\",\"groupId\":\"new\",\"traits\":{\"plan\":\"starter\",\"seats\":3}}",
            "{\"type\":\"group\",\"messageId\":\"g-2\",\"groupId\":\"new\",\"traits\":{\"plan\":\"professional\"}}",
            "{\"type\":\"group\",\"messageId\":\"g-3\",\"groupId\":\"known-tenant\",\"traits\":{\"plan\":\"starter\"}}");
    assertThat(mapped.events())
        .extracting(e -> e.get("type").asString())
        .containsExactly("tenant_signed_up", "plan_changed", "plan_changed");
    assertThat(validator.validate(mapped.events().get(0), NOW).event().seats()).isEqualTo(3);
  }

  @Test
  void aRefusedFirstGroupCallLeavesTheSignupToTheNextOne() {
    SegmentMapper.Mapped mapped =
        map(
            null,
            "{\"type\":\"group\",\"messageId\":\"g-1\",\"groupId\":\"new\",\"traits\":{\"plan\":\"gold\"}}",
            "{\"type\":\"group\",\"messageId\":\"g-2\",\"groupId\":\"new\",\"traits\":{\"plan\":\"starter\"}}");
    assertThat(mapped.events())
        .extracting(e -> e.get("type").asString())
        .containsExactly("plan_changed", "tenant_signed_up");
    assertThat(validator.validate(mapped.events().get(0), NOW).problems().toString())
        .contains("must be a catalog plan: starter, professional, enterprise");
  }

  @Test
  void otherCallsBecomeActivityNamingTheCallAndWhatHappened() {
    TenantEvent track =
        event(
            """
            {"type":"track","messageId":"m","event":"Report Exported","properties":{"tenant_id":"t","rows":12}}""");
    assertThat(track.type()).isEqualTo(EventType.ACTIVITY);
    assertThat(track.properties())
        .contains("\"event\":\"Report Exported\"", "\"segment_type\":\"track\"", "\"rows\":12");
    TenantEvent page =
        event(
            "{\"type\":\"page\",\"messageId\":\"m\",\"name\":\"Pricing\",\"context\":{\"groupId\":\"t\"}}");
    assertThat(page.properties()).contains("\"event\":\"Pricing\"", "\"segment_type\":\"page\"");
    for (String call : List.of("identify", "screen", "alias", "group")) {
      TenantEvent e =
          event("{\"type\":\"" + call + "\",\"messageId\":\"m\",\"context\":{\"groupId\":\"t\"}}");
      assertThat(e.type()).as(call).isEqualTo(EventType.ACTIVITY);
      assertThat(e.properties()).contains("\"segment_type\":\"" + call + "\"");
    }
  }

  @Test
  void neverCopiesIdentifyTraits() {
    TenantEvent e =
        event(
            """
            {"type":"identify","messageId":"m","userId":"u","context":{"groupId":"t"},
             "traits":{"email":"jane@example.com","name":"Jane"}}""");
    assertThat(e.properties()).doesNotContain("jane", "Jane");
  }

  @Test
  void takesAnonymousIdWithoutUserIdAndNumericIdsAsText() {
    assertThat(
            event(
                    "{\"type\":\"page\",\"messageId\":\"m\",\"anonymousId\":\"anon-1\",\"context\":{\"groupId\":\"t\"}}")
                .userId())
        .isEqualTo("anon-1");
    TenantEvent numeric =
        event("{\"type\":\"page\",\"messageId\":\"m\",\"userId\":42,\"context\":{\"groupId\":7}}");
    assertThat(numeric.userId()).isEqualTo("42");
    assertThat(numeric.tenantId()).isEqualTo("7");
  }

  @Test
  void stampsTheReceiveTimeWhenTheMessageHasNoTimestamp() {
    assertThat(
            event("{\"type\":\"page\",\"messageId\":\"m\",\"context\":{\"groupId\":\"t\"}}")
                .timestamp())
        .isEqualTo(NOW);
    assertThat(
            event(
                    "{\"type\":\"page\",\"messageId\":\"m\",\"originalTimestamp\":\"2026-11-27T09:00:00+01:00\",\"context\":{\"groupId\":\"t\"}}")
                .timestamp())
        .isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
  }

  @Test
  void refusesUnknownCallsMissingMessageIdsTracksWithoutEventAndNonObjects() {
    SegmentMapper.Mapped mapped =
        map(
            "{\"groupId\":\"t\"}",
            "{\"type\":\"purchase\",\"messageId\":\"m\"}",
            "{\"type\":\"page\"}",
            "{\"type\":\"track\",\"messageId\":\"m\"}",
            "42");
    assertThat(mapped.refused().get(0).toString()).contains("track, identify, group", "purchase");
    assertThat(mapped.refused().get(1).toString()).contains("messageId");
    assertThat(mapped.refused().get(2).toString()).contains("event");
    assertThat(mapped.refused().get(3).toString()).contains("must be a JSON object");
  }

  private Instant skewCorrected(String message, String batchSentAt) {
    SegmentEnvelope envelope =
        new SegmentEnvelope(
            null, batchSentAt == null ? null : JSON.readTree(batchSentAt), null, NOW);
    SegmentMapper.Mapped mapped = mapper.map(List.of(JSON.readTree(message)), envelope);
    assertThat(mapped.refused()).isEmpty();
    return Instant.parse(mapped.events().get(0).get("timestamp").asString());
  }

  @Test
  void correctsTheDeviceClockBySentAtAsSegmentDocuments() {
    // receivedAt − (sentAt − originalTimestamp): the device is 2 h fast, called 90 s before
    // sending.
    String skewed =
        "{\"type\":\"page\",\"messageId\":\"m\",\"context\":{\"groupId\":\"t\"},"
            + "\"originalTimestamp\":\"2026-11-27T13:58:30Z\",\"sentAt\":\"2026-11-27T14:00:00Z\"}";
    assertThat(skewCorrected(skewed, null)).isEqualTo(NOW.minusSeconds(90));
    // The batch's sentAt serves messages without their own; a message's own wins.
    String noSentAt = skewed.replace(",\"sentAt\":\"2026-11-27T14:00:00Z\"", "");
    assertThat(skewCorrected(noSentAt, "\"2026-11-27T14:00:00Z\"")).isEqualTo(NOW.minusSeconds(90));
    assertThat(skewCorrected(skewed, "\"2026-11-27T15:00:00Z\"")).isEqualTo(NOW.minusSeconds(90));
    // timestamp is the client's time when there is no originalTimestamp (analytics.js, -java,
    // -node).
    assertThat(skewCorrected(skewed.replace("originalTimestamp", "timestamp"), null))
        .isEqualTo(NOW.minusSeconds(90));
  }

  @Test
  void withoutSentAtOrWithAnUnreadableOneTheTimeIsTakenAsSent() {
    String imported =
        "{\"type\":\"page\",\"messageId\":\"m\",\"context\":{\"groupId\":\"t\"},"
            + "\"timestamp\":\"2026-10-01T08:00:00Z\"}";
    assertThat(skewCorrected(imported, null)).isEqualTo(Instant.parse("2026-10-01T08:00:00Z"));
    assertThat(skewCorrected(imported, "\"yesterday\""))
        .isEqualTo(Instant.parse("2026-10-01T08:00:00Z"));
    assertThat(skewCorrected(imported, "1764230400"))
        .isEqualTo(Instant.parse("2026-10-01T08:00:00Z"));
  }

  @Test
  void correctionKeepsEveryGeneratedCallToSendIntervalOnTheReceiveClock() {
    java.util.Random random = new java.util.Random(20261206L);
    for (int i = 0; i < 500; i++) {
      long skewMillis = random.nextLong(-5L * 365 * 86_400_000, 5L * 365 * 86_400_000);
      long waitMillis = random.nextLong(0, 30L * 86_400_000);
      Instant deviceSent = NOW.plusMillis(skewMillis);
      Instant deviceCalled = deviceSent.minusMillis(waitMillis);
      String message =
          "{\"type\":\"page\",\"messageId\":\"m\",\"context\":{\"groupId\":\"t\"},"
              + "\"originalTimestamp\":\""
              + deviceCalled
              + "\",\"sentAt\":\""
              + deviceSent
              + "\"}";
      SegmentMapper.Mapped mapped =
          mapper.map(List.of(JSON.readTree(message)), new SegmentEnvelope(null, null, null, NOW));
      assertThat(Instant.parse(mapped.events().get(0).get("timestamp").asString()))
          .as("skew %d ms, wait %d ms", skewMillis, waitMillis)
          .isEqualTo(NOW.minusMillis(waitMillis));
    }
  }

  @Test
  void aSingleMessagePathSuppliesAMissingTypeAndRefusesAContradictingOne() {
    SegmentMapper.Mapped mapped =
        mapper.map(
            List.of(
                JSON.readTree(
                    "{\"messageId\":\"m-1\",\"event\":\"Opened\",\"context\":{\"groupId\":\"t\"}}"),
                JSON.readTree(
                    "{\"type\":\"identify\",\"messageId\":\"m-2\",\"context\":{\"groupId\":\"t\"}}"),
                JSON.readTree(
                    "{\"type\":7,\"messageId\":\"m-3\",\"context\":{\"groupId\":\"t\"}}")),
            SegmentEnvelope.single("track", NOW));
    assertThat(mapped.refused()).containsOnlyKeys(1, 2);
    assertThat(mapped.events().get(0).get("properties").get("segment_type").asString())
        .isEqualTo("track");
    assertThat(mapped.refused().get(1).toString()).contains("\"identify\"", "track endpoint");
    assertThat(mapped.refused().get(2).toString()).contains("number", "track endpoint");
  }
}
