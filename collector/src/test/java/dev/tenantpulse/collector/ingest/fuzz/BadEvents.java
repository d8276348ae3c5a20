package dev.tenantpulse.collector.ingest.fuzz;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Events (native) and messages (Segment) that are each wrong in exactly one way, so that the batch
 * around them must answer 200 with precisely them rejected. Lengths and values vary with the seed.
 */
final class BadEvents {

  /** A template with {@code {ID}} and {@code {TS}} (a valid past timestamp) to fill in. */
  record Bad(String name, String template) {}

  static final String TENANT = "fuzz-tenant";
  private static final String TS = Instant.now().minusSeconds(3600).toString();

  private final Random random;

  BadEvents(Random random) {
    this.random = random;
  }

  static String fill(String template, String id) {
    return template.replace("{ID}", id).replace("{TS}", TS).replace("{T}", TENANT);
  }

  static String validNative(String id) {
    return fill(
        "{\"id\":\"{ID}\",\"type\":\"activity\",\"tenant_id\":\"{T}\",\"timestamp\":\"{TS}\"}", id);
  }

  static String validSegment(String id) {
    return fill(
        "{\"type\":\"track\",\"messageId\":\"{ID}\",\"event\":\"Opened\",\"timestamp\":\"{TS}\","
            + "\"context\":{\"groupId\":\"{T}\"}}",
        id);
  }

  private String x(int min, int spread) {
    return "x".repeat(min + random.nextInt(spread));
  }

  private String future() {
    return Instant.now().plusSeconds(600 + random.nextInt(365 * 86_400)).toString();
  }

  /** Native events, one fault each. */
  List<Bad> nativeEvents() {
    String base = "\"type\":\"activity\",\"tenant_id\":\"{T}\",\"timestamp\":\"{TS}\"";
    String head = "{\"id\":\"{ID}\",";
    return List.of(
        new Bad("id is a number", "{\"id\":123," + base + "}"),
        new Bad("id is an object", "{\"id\":{\"v\":\"{ID}\"}," + base + "}"),
        new Bad("id is empty", "{\"id\":\"\"," + base + "}"),
        new Bad("id is blank", "{\"id\":\"   \"," + base + "}"),
        new Bad("id is too long", "{\"id\":\"{ID}" + x(129, 4000) + "\"," + base + "}"),
        new Bad("id is missing", "{" + base + "}"),
        new Bad("type is unknown", head + base.replace("activity", "nope") + "}"),
        new Bad("type is a number", head + base.replace("\"activity\"", "7") + "}"),
        new Bad("tenant has a space", head + base.replace("{T}", "acme corp") + "}"),
        new Bad("tenant starts with -", head + base.replace("{T}", "-acme") + "}"),
        new Bad("tenant is too long", head + base.replace("{T}", "t" + x(64, 500)) + "}"),
        new Bad("tenant holds an escaped NUL", head + base.replace("{T}", "acme\\u0000") + "}"),
        new Bad("tenant is an array", head + base.replace("\"{T}\"", "[\"{T}\"]") + "}"),
        new Bad("timestamp is a number", head + base.replace("\"{TS}\"", "1700000000") + "}"),
        new Bad("timestamp is prose", head + base.replace("{TS}", "yesterday") + "}"),
        new Bad(
            "timestamp lacks an offset", head + base.replace("{TS}", "2026-11-02T10:00:00") + "}"),
        new Bad(
            "timestamp is impossible", head + base.replace("{TS}", "2026-13-45T99:00:00Z") + "}"),
        new Bad("timestamp is in the future", head + base.replace("{TS}", future()) + "}"),
        new Bad(
            "feature_used lacks feature", head + base.replace("activity", "feature_used") + "}"),
        new Bad(
            "feature breaks the id pattern",
            head + base.replace("activity", "feature_used") + ",\"feature\":\"a b\"}"),
        new Bad(
            "step is not in the catalog",
            head + base.replace("activity", "onboarding_step") + ",\"step\":\"done\"}"),
        new Bad("quantity is negative", usage(head, base, "-1")),
        new Bad("quantity is a string", usage(head, base, "\"12\"")),
        new Bad("quantity is beyond double", usage(head, base, "1e400")),
        new Bad("usage lacks meter", head + base.replace("activity", "usage") + ",\"quantity\":1}"),
        new Bad("plan is not in the catalog", plan(head, base, "\"gold\"", "")),
        new Bad("signup lacks plan", head + base.replace("activity", "tenant_signed_up") + "}"),
        new Bad("seats is beyond int", plan(head, base, "\"starter\"", ",\"seats\":3000000000")),
        new Bad("seats is 1e400", plan(head, base, "\"starter\"", ",\"seats\":1e400")),
        new Bad("seats is negative", plan(head, base, "\"starter\"", ",\"seats\":-3")),
        new Bad("seats is fractional", plan(head, base, "\"starter\"", ",\"seats\":1.5")),
        new Bad(
            "billing model is unknown",
            plan(head, base, "\"starter\"", ",\"billing_model\":\"free\"")),
        new Bad("properties is an array", head + base + ",\"properties\":[1,2]}"),
        new Bad("properties is a string", head + base + ",\"properties\":\"{}\"}"),
        new Bad("user_id is an object", head + base + ",\"user_id\":{\"a\":1}}"),
        new Bad("user_id is too long", head + base + ",\"user_id\":\"" + x(129, 1000) + "\"}"),
        new Bad(
            "event is over 32 KiB",
            head + base + ",\"properties\":{\"blob\":\"" + x(33_000, 150_000) + "\"}}"),
        new Bad("event is a number", "42"),
        new Bad("event is a string", "\"{ID}\""),
        new Bad("event is null", "null"),
        new Bad("event is an array", "[" + validNative("{ID}") + "]"));
  }

  private static String usage(String head, String base, String quantity) {
    return head
        + base.replace("activity", "usage")
        + ",\"meter\":\"api_calls\",\"quantity\":"
        + quantity
        + "}";
  }

  private static String plan(String head, String base, String plan, String more) {
    return head + base.replace("activity", "plan_changed") + ",\"plan\":" + plan + more + "}";
  }

  /** Segment messages, one fault each. */
  List<Bad> segmentMessages() {
    String ctx = ",\"timestamp\":\"{TS}\",\"context\":{\"groupId\":\"{T}\"}";
    String track = "{\"type\":\"track\",\"messageId\":\"{ID}\"";
    return List.of(
        new Bad("call is unknown", "{\"type\":\"purchase\",\"messageId\":\"{ID}\"" + ctx + "}"),
        new Bad("call is missing", "{\"messageId\":\"{ID}\",\"event\":\"Opened\"" + ctx + "}"),
        new Bad("call is a number", "{\"type\":5,\"messageId\":\"{ID}\"" + ctx + "}"),
        new Bad("messageId is missing", "{\"type\":\"page\"" + ctx + "}"),
        new Bad("messageId is a number", "{\"type\":\"page\",\"messageId\":5" + ctx + "}"),
        new Bad(
            "messageId is too long",
            "{\"type\":\"page\",\"messageId\":\"{ID}" + x(129, 3000) + "\"" + ctx + "}"),
        new Bad("no tenant anywhere", track + ",\"event\":\"Opened\",\"timestamp\":\"{TS}\"}"),
        new Bad("context is a string", track + ",\"event\":\"Opened\",\"context\":\"{T}\"}"),
        new Bad(
            "groupId breaks the id pattern",
            track + ",\"event\":\"Opened\",\"context\":{\"groupId\":\"a b\"}}"),
        new Bad(
            "groupId is an array",
            track + ",\"event\":\"Opened\",\"context\":{\"groupId\":[\"{T}\"]}}"),
        new Bad("track lacks event", track + ctx + "}"),
        new Bad("track event is a number", track + ",\"event\":42" + ctx + "}"),
        new Bad("Feature Used lacks feature", track + ",\"event\":\"Feature Used\"" + ctx + "}"),
        new Bad(
            "feature breaks the id pattern",
            track + ",\"event\":\"Feature Used\",\"properties\":{\"feature\":\"a b\"}" + ctx + "}"),
        new Bad(
            "step is not in the catalog",
            track
                + ",\"event\":\"Onboarding Step Completed\",\"properties\":{\"step\":\"done\"}"
                + ctx
                + "}"),
        new Bad(
            "quantity is beyond double",
            track
                + ",\"event\":\"Usage Recorded\",\"properties\":{\"meter\":\"m\",\"quantity\":1e400}"
                + ctx
                + "}"),
        new Bad(
            "quantity is a string",
            track
                + ",\"event\":\"Usage Recorded\",\"properties\":{\"meter\":\"m\",\"quantity\":\"3\"}"
                + ctx
                + "}"),
        new Bad(
            "plan is not in the catalog",
            "{\"type\":\"group\",\"messageId\":\"{ID}\",\"groupId\":\"{T}\",\"traits\":{\"plan\":\"gold\"}}"),
        new Bad(
            "seats is negative",
            "{\"type\":\"group\",\"messageId\":\"{ID}\",\"groupId\":\"{T}\",\"traits\":{\"plan\":\"starter\",\"seats\":-1}}"),
        new Bad(
            "timestamp is a number",
            track + ",\"event\":\"Opened\",\"timestamp\":12345,\"context\":{\"groupId\":\"{T}\"}}"),
        new Bad(
            "timestamp is prose",
            track
                + ",\"event\":\"Opened\",\"timestamp\":\"soon\",\"context\":{\"groupId\":\"{T}\"}}"),
        new Bad(
            "timestamp is in the future",
            track
                + ",\"event\":\"Opened\",\"timestamp\":\""
                + future()
                + "\",\"context\":{\"groupId\":\"{T}\"}}"),
        new Bad(
            "properties is an array",
            track + ",\"event\":\"Opened\",\"properties\":[1]" + ctx + "}"),
        new Bad(
            "userId is an object",
            track + ",\"event\":\"Opened\",\"userId\":{\"a\":1}" + ctx + "}"),
        new Bad(
            "message is over 32 KiB",
            track
                + ",\"event\":\"Opened\",\"properties\":{\"blob\":\""
                + x(33_000, 150_000)
                + "\"}"
                + ctx
                + "}"),
        new Bad("message is a number", "1"),
        new Bad("message is null", "null"),
        new Bad("message is an array", "[]"));
  }
}
