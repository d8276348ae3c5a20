package dev.tenantpulse.tenancy.events;

import dev.tenantpulse.tenancy.catalog.BillingModel;
import dev.tenantpulse.tenancy.catalog.TenancyModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
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

  /** Reads properties to copy them; a duplicate key sends them down the tree path. */
  private static final JsonMapper PROPERTIES =
      EventJson.MAPPER.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * The mapper the codec uses (immutable, shareable). Parsing request bodies with it keeps numbers
   * inside {@code properties} digit for digit (floats as BigDecimal); any other mapper also works
   * with the validator, but may round those numbers through double.
   */
  public static JsonMapper jsonMapper() {
    return EventJson.MAPPER;
  }

  public byte[] encode(TenantEvent event) {
    // Written field by field rather than through toJson's tree: the same bytes (EventCodecTests
    // compares them), for a third of the time and garbage on the collector's hot path.
    List<String> missing = event.missingFields();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("cannot encode an event lacking " + missing);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = EventJson.MAPPER.createGenerator(out)) {
      write(event, json);
    } catch (IrregularProperties e) {
      // Not one duplicate-free JSON value: the tree path decides, exactly as it always did.
      return EventJson.MAPPER.writeValueAsBytes(toJson(event));
    }
    return out.toByteArray();
  }

  /**
   * As {@link #encode(TenantEvent)}, for {@code event} as {@link EventValidator} read it from
   * {@code source}: its {@code properties}, the canonical text {@code source} wrote while reading
   * the request, are copied as text instead of read again. The same bytes (the collector's stream
   * tests compare them with the tree path's).
   */
  public byte[] encode(TenantEvent event, StreamedEvent source) {
    String properties = event.properties();
    if (properties == null || properties != source.properties()) {
      return encode(event);
    }
    List<String> missing = event.missingFields();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("cannot encode an event lacking " + missing);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = EventJson.MAPPER.createGenerator(out)) {
      write(event, json, true);
    }
    return out.toByteArray();
  }

  private static void write(TenantEvent e, JsonGenerator json) {
    write(e, json, false);
  }

  private static void write(TenantEvent e, JsonGenerator json, boolean canonicalProperties) {
    json.writeStartObject();
    json.writeStringProperty("id", e.id());
    json.writeStringProperty("type", e.type().wireName());
    json.writeStringProperty("tenant_id", e.tenantId());
    json.writeStringProperty("timestamp", IsoInstants.format(e.timestamp()));
    writeIfPresent(json, "user_id", e.userId());
    writeIfPresent(json, "feature", e.feature());
    writeIfPresent(json, "step", e.step());
    writeIfPresent(json, "meter", e.meter());
    if (e.quantity() != null) {
      json.writeNumberProperty("quantity", e.quantity());
    }
    writeIfPresent(json, "plan", e.plan());
    if (e.billingModel() != null) {
      json.writeStringProperty("billing_model", e.billingModel().wireName());
    }
    if (e.tenancyModel() != null) {
      json.writeStringProperty("tenancy_model", e.tenancyModel().wireName());
    }
    if (e.seats() != null) {
      json.writeNumberProperty("seats", e.seats());
    }
    if (e.properties() != null) {
      // Parsed rather than spliced in as raw text, so a malformed value cannot corrupt the record.
      json.writeName("properties");
      if (canonicalProperties) {
        json.writeRawValue(e.properties());
      } else {
        copyProperties(e.properties(), json);
      }
    }
    writeIfPresent(json, "stripe_customer_id", e.stripeCustomerId());
    json.writeEndObject();
  }

  /**
   * Token by token, without the tree toJson builds: the same text, since the exact copy writes
   * floats as the BigDecimals the tree would hold. Anything a tree would read differently (a
   * duplicate key, where the tree keeps the last; trailing text; nothing at all) or refuse is
   * {@link IrregularProperties}.
   */
  private static void copyProperties(String properties, JsonGenerator json) {
    try (JsonParser parser = PROPERTIES.createParser(properties)) {
      if (parser.nextToken() == null) {
        throw new IrregularProperties();
      }
      json.copyCurrentStructureExact(parser);
      if (parser.nextToken() != null) {
        throw new IrregularProperties();
      }
    } catch (JacksonException e) {
      throw new IrregularProperties();
    }
  }

  /** Properties whose encoding the tree path must decide. */
  private static final class IrregularProperties extends RuntimeException {
    private static final long serialVersionUID = 1L;

    IrregularProperties() {
      super(null, null, false, false);
    }
  }

  private static void writeIfPresent(JsonGenerator json, String field, String value) {
    if (value != null) {
      json.writeStringProperty(field, value);
    }
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
    json.put("timestamp", IsoInstants.format(e.timestamp()));
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
    putIfPresent(json, "stripe_customer_id", e.stripeCustomerId());
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
              properties(json),
              string(json, "stripe_customer_id"));
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
      if (text == null) {
        return null;
      }
      // The common form without the general formatter: a profile of the Flink job showed
      // Instant.parse (its formatter and the HashMap it fills) at 8% of all CPU samples.
      Instant common = TimestampRule.parseCommonForm(text);
      return common != null ? common : Instant.parse(text);
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
