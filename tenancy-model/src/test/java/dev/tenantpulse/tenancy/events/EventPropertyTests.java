package dev.tenantpulse.tenancy.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.tenancy.catalog.PlanCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property tests over seeded random events. Fixed seeds keep them deterministic; change a seed to
 * explore, and a failure message names the event to reproduce it.
 */
class EventPropertyTests {

  private static final int N = 1000;
  private static final PlanCatalog CATALOG = PlanCatalog.defaultCatalog();

  private final EventCodec codec = new EventCodec();
  private final EventValidator validator = new EventValidator(CATALOG);

  @Test
  void randomValidEventsRoundTripThroughTheCodecAndValidateClean() {
    RandomEvents events = new RandomEvents(20261127L, CATALOG);
    for (int i = 0; i < N; i++) {
      TenantEvent event = events.next();
      byte[] encoded = codec.encode(event);

      assertThat(codec.decode(encoded)).as("decode(encode(%s))", event).isEqualTo(event);
      ValidationResult result =
          validator.validate(EventCodec.jsonMapper().readTree(encoded), RandomEvents.RECEIVED_AT);
      assertThat(result.problems()).as("problems of %s", event).isEmpty();
      assertThat(result.event()).as("validated %s", event).isEqualTo(event);
      assertThat(encoded.length).isLessThan(EventLimits.MAX_EVENT_BYTES);
    }
  }

  /** A change to one field of an encoded event that breaks exactly that field's rule. */
  private record Corruption(
      String field, Predicate<TenantEvent> applies, Consumer<ObjectNode> apply) {}

  private static Corruption always(String field, Consumer<ObjectNode> apply) {
    return new Corruption(field, e -> true, apply);
  }

  private static Corruption when(EventType type, String field, Consumer<ObjectNode> apply) {
    return new Corruption(field, e -> e.type() == type, apply);
  }

  private static final List<Corruption> CORRUPTIONS =
      List.of(
          always("id", json -> json.remove("id")),
          always("id", json -> json.put("id", "")),
          always("id", json -> json.put("id", " \t ")),
          always("id", json -> json.put("id", "x".repeat(129))),
          always("id", json -> json.put("id", 7)),
          always("type", json -> json.remove("type")),
          always("type", json -> json.put("type", "login")),
          always("type", json -> json.put("type", 3)),
          always("tenant_id", json -> json.remove("tenant_id")),
          always("tenant_id", json -> json.put("tenant_id", "-acme")),
          always("tenant_id", json -> json.put("tenant_id", "acme corp")),
          always("tenant_id", json -> json.put("tenant_id", "a".repeat(65))),
          always("tenant_id", json -> json.put("tenant_id", true)),
          always("timestamp", json -> json.remove("timestamp")),
          always("timestamp", json -> json.put("timestamp", withoutOffset(json))),
          always("timestamp", json -> json.put("timestamp", "next tuesday")),
          always("timestamp", json -> json.put("timestamp", "2026-11-27T10:05:00.000000001Z")),
          always("timestamp", json -> json.put("timestamp", 1_764_237_600L)),
          always("user_id", json -> json.put("user_id", "")),
          always("user_id", json -> json.put("user_id", "u".repeat(129))),
          always("user_id", json -> json.put("user_id", 42)),
          when(EventType.FEATURE_USED, "feature", json -> json.remove("feature")),
          always("feature", json -> json.put("feature", "single sign-on")),
          always("feature", json -> json.put("feature", 1)),
          when(EventType.ONBOARDING_STEP, "step", json -> json.remove("step")),
          always("step", json -> json.put("step", "graduated")),
          when(EventType.USAGE, "meter", json -> json.remove("meter")),
          always("meter", json -> json.put("meter", "api calls")),
          when(EventType.USAGE, "quantity", json -> json.remove("quantity")),
          always("quantity", json -> json.put("quantity", -1)),
          always("quantity", json -> json.put("quantity", "12")),
          always("quantity", json -> json.put("quantity", new BigDecimal("1e400"))),
          when(EventType.TENANT_SIGNED_UP, "plan", json -> json.remove("plan")),
          when(EventType.PLAN_CHANGED, "plan", json -> json.remove("plan")),
          always("plan", json -> json.put("plan", "gold")),
          always("billing_model", json -> json.put("billing_model", "yearly")),
          always("tenancy_model", json -> json.put("tenancy_model", "hybrid")),
          always("seats", json -> json.put("seats", -1)),
          always("seats", json -> json.put("seats", 2.5)),
          always("seats", json -> json.put("seats", "3")),
          always("seats", json -> json.put("seats", 3_000_000_000L)),
          always("properties", json -> json.putArray("properties").add(1)),
          always("properties", json -> json.put("properties", "{}")));

  private static String withoutOffset(ObjectNode json) {
    String timestamp = json.get("timestamp").stringValue();
    return timestamp.substring(0, timestamp.length() - 1);
  }

  @Test
  void randomSingleFieldCorruptionsAreEachReportedOnThatFieldAlone() {
    RandomEvents events = new RandomEvents(42L, CATALOG);
    Random random = new Random(7L);
    Set<String> corruptedFields = new TreeSet<>();
    for (int i = 0; i < N; i++) {
      TenantEvent event = events.next();
      List<Corruption> applicable = new ArrayList<>();
      CORRUPTIONS.stream().filter(c -> c.applies().test(event)).forEach(applicable::add);
      Corruption corruption = applicable.get(random.nextInt(applicable.size()));
      ObjectNode json = codec.toJson(event);
      corruption.apply().accept(json);

      ValidationResult result = validator.validate(json, RandomEvents.RECEIVED_AT);

      assertThat(result.problems())
          .as("%s corrupted on %s", json, corruption.field())
          .extracting(FieldProblem::field)
          .containsExactly(corruption.field());
      corruptedFields.add(corruption.field());
    }
    assertThat(corruptedFields).hasSize(14);
  }

  @Test
  void validatesEventsParsedByAnyMapper() {
    RandomEvents events = new RandomEvents(99L, CATALOG);
    for (int i = 0; i < N; i++) {
      TenantEvent event = events.next();
      JsonNode parsedWithDoubles =
          tools.jackson.databind.json.JsonMapper.shared().readTree(codec.encode(event));

      assertThat(validator.validate(parsedWithDoubles, RandomEvents.RECEIVED_AT).problems())
          .as("problems of %s", event)
          .isEmpty();
    }
  }
}
