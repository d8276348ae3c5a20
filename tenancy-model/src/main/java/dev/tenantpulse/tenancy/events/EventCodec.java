package dev.tenantpulse.tenancy.events;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of a {@link TenantEvent}, used on the Kafka topic: contract field names
 * (snake_case), timestamps as ISO-8601 UTC with {@code Z} and full precision, absent fields
 * omitted, {@code properties} as a nested object.
 *
 * <p>{@code decode(encode(e))} equals {@code e}. Decoding checks structure only, not the catalog: a
 * consumer replaying old records must still read a plan the catalog has since dropped. Unknown
 * fields are ignored so that a newer producer does not stop older consumers. Thread-safe.
 */
public final class EventCodec {

  /**
   * The mapper the codec uses (immutable, shareable). Parsing request bodies with it keeps numbers
   * inside {@code properties} digit for digit (floats as BigDecimal); any other mapper also works
   * with the validator, but may round those numbers through double.
   */
  public static JsonMapper jsonMapper() {
    return EventJson.MAPPER;
  }

  public byte[] encode(TenantEvent event) {
    return EventJson.MAPPER.writeValueAsBytes(toJson(event));
  }

  public String encodeToString(TenantEvent event) {
    return EventJson.MAPPER.writeValueAsString(toJson(event));
  }

  /** The event as a JSON tree, field order as in the contract. */
  public ObjectNode toJson(TenantEvent e) {
    List<String> missing = e.missingFields();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("cannot encode an event lacking " + missing);
    }
    ObjectNode json = EventJson.MAPPER.createObjectNode();
    json.put("id", e.id());
    json.put("type", e.type().wireName());
    json.put("tenant_id", e.tenantId());
    json.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(e.timestamp()));
    putIfPresent(json, "user_id", e.userId());
    putIfPresent(json, "feature", e.feature());
    putIfPresent(json, "step", e.step());
    putIfPresent(json, "meter", e.meter());
    if (e.quantity() != null) {
      json.put("quantity", e.quantity());
    }
    putIfPresent(json, "plan", e.plan());
    if (e.billingModel() != null) {
      json.put("billing_model", e.billingModel().wireName());
    }
    if (e.tenancyModel() != null) {
      json.put("tenancy_model", e.tenancyModel().wireName());
    }
    if (e.seats() != null) {
      json.put("seats", e.seats());
    }
    if (e.properties() != null) {
      // Parsed rather than spliced in as raw text, so a malformed value cannot corrupt the record.
      json.set("properties", EventJson.MAPPER.readTree(e.properties()));
    }
    return json;
  }

  private static void putIfPresent(ObjectNode json, String field, String value) {
    if (value != null) {
      json.put(field, value);
    }
  }

  public TenantEvent decode(byte[] json) {
    JsonNode tree;
    try {
      tree = EventJson.MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new EventDecodingException(
          "event record is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return fromJson(tree);
  }

  public TenantEvent decode(String json) {
    return decode(json.getBytes(StandardCharsets.UTF_8));
  }

  private TenantEvent fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new EventDecodingException(
          "event record must be a JSON object, got " + EventJson.kind(json));
    }
    TenantEvent event;
    try {
      event =
          new TenantEvent(
              string(json, "id"),
              wire(json, "type", EventType::fromWire),
              string(json, "tenant_id"),
              instant(json, "timestamp"),
              string(json, "user_id"),
              string(json, "feature"),
              string(json, "step"),
              string(json, "meter"),
              number(json, "quantity"),
              string(json, "plan"),
              wire(json, "billing_model", BillingModel::fromWire),
              wire(json, "tenancy_model", TenancyModel::fromWire),
              integer(json, "seats"),
              properties(json));
    } catch (IllegalArgumentException e) {
      throw new EventDecodingException("event record holds an invalid value: " + e.getMessage(), e);
    }
    List<String> missing = event.missingFields();
    if (!missing.isEmpty()) {
      throw new EventDecodingException("event record " + event.id() + " lacks " + missing);
    }
    return event;
  }

  /** The field's node, null when absent or JSON null; throws when it fails {@code valid}. */
  private static JsonNode field(
      JsonNode json, String name, Predicate<JsonNode> valid, String expected) {
    JsonNode node = json.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!valid.test(node)) {
      throw new EventDecodingException(
          "event record field " + name + " must be " + expected + ", got " + EventJson.kind(node));
    }
    return node;
  }

  private static String string(JsonNode json, String name) {
    JsonNode node = field(json, name, JsonNode::isString, "a string");
    return node == null ? null : node.stringValue();
  }

  private static Double number(JsonNode json, String name) {
    JsonNode node = field(json, name, JsonNode::isNumber, "a number");
    if (node == null) {
      return null;
    }
    return node.doubleValueOpt()
        .orElseThrow(
            () ->
                new EventDecodingException(
                    "event record field " + name + " is beyond double range: " + node));
  }

  private static Integer integer(JsonNode json, String name) {
    JsonNode node = field(json, name, n -> n.isIntegralNumber() && n.canConvertToInt(), "an int");
    return node == null ? null : node.intValue();
  }

  private static <E> E wire(JsonNode json, String name, Function<String, Optional<E>> fromWire) {
    String text = string(json, name);
    if (text == null) {
      return null;
    }
    return fromWire
        .apply(text)
        .orElseThrow(
            () ->
                new EventDecodingException(
                    "event record field " + name + " has unknown value " + FieldReader.echo(text)));
  }

  private static Instant instant(JsonNode json, String name) {
    String text = string(json, name);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new EventDecodingException(
          "event record field " + name + " is not an instant: " + FieldReader.echo(text), e);
    }
  }

  private static String properties(JsonNode json) {
    JsonNode node = field(json, "properties", JsonNode::isObject, "an object");
    // Parsed by our mapper, so writing it yields the canonical text the event was encoded from.
    return node == null ? null : EventJson.write(node);
  }
}
