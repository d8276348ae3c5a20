package dev.tenantpulse.tenancy.events;

import java.io.StringWriter;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * One raw event read from a token stream instead of a tree: only the contract's fields are kept,
 * everything else is skipped token by token, and {@code properties} is copied straight into its
 * canonical text. {@link EventValidator#validateStreamed(StreamedEvent, java.time.Instant)} checks
 * it with the same rules, in the same order and with the same words as the tree it replaces; {@link
 * EventCodec#encode(TenantEvent, StreamedEvent)} writes the same bytes without reading {@code
 * properties} again.
 *
 * <p>The parser must come from a mapper configured like {@link EventCodec#jsonMapper()} (floats as
 * BigDecimal) with {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}: a duplicate key then fails
 * the parse, as it fails the tree, so each field is seen at most once. Not thread-safe; an instance
 * belongs to one request.
 */
public final class StreamedEvent {

  /** Reads the values of contract fields that are numbers, arrays or foreign objects as a tree. */
  private static final JsonMapper TREES =
      EventJson.MAPPER
          .rebuild()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Stands for a {@code properties} object already copied to {@link #properties}. */
  private static final ObjectNode COPIED = JsonNodeFactory.instance.objectNode();

  private static final String[] FIELDS = {
    "id",
    "type",
    "tenant_id",
    "timestamp",
    "user_id",
    "feature",
    "step",
    "meter",
    "quantity",
    "plan",
    "billing_model",
    "tenancy_model",
    "seats",
    "properties",
    "stripe_customer_id"
  };

  private static final int PROPERTIES = 13;

  static {
    for (int i = 0; i < FIELDS.length; i++) {
      if (index(FIELDS[i]) != i) {
        throw new AssertionError("index() disagrees with FIELDS at " + FIELDS[i]);
      }
    }
  }

  /** The kind of a non-object element (string, number, …); null for an object. */
  private final String kind;

  private final JsonNode[] values;
  private String properties;

  private StreamedEvent(String kind, JsonNode[] values) {
    this.kind = kind;
    this.values = values;
  }

  /**
   * Reads the array element whose first token is the parser's current token, leaving the parser on
   * its last token. Throws what the parser throws for malformed input.
   */
  public static StreamedEvent read(JsonParser p) {
    JsonToken token = p.currentToken();
    if (token != JsonToken.START_OBJECT) {
      skip(p);
      return new StreamedEvent(kindOf(token), null);
    }
    StreamedEvent event = new StreamedEvent(null, new JsonNode[FIELDS.length]);
    while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
      int field = index(p.currentName());
      token = p.nextToken();
      if (field < 0) {
        skip(p);
      } else {
        event.values[field] = event.value(p, token, field);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IllegalStateException("unexpected token " + token + " in an event");
    }
    return event;
  }

  /**
   * Skips the value at the parser, leaving it on the value's last token, but decodes every float on
   * the way as the tree would: a tree holds each as a BigDecimal, so one beyond BigDecimal's range
   * (an exponent past an int) fails the tree's parse, and must fail here too.
   */
  public static void skip(JsonParser p) {
    JsonToken token = p.currentToken();
    int depth = 0;
    do {
      if (token == null) {
        throw new IllegalStateException("input ended inside a value");
      }
      switch (token) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
        default -> {}
      }
      if (depth == 0) {
        return;
      }
      token = p.nextToken();
    } while (true);
  }

  private JsonNode value(JsonParser p, JsonToken token, int field) {
    switch (token) {
      case VALUE_NULL:
        return null; // the reader treats null as absent, as it does in a tree
      case VALUE_STRING:
        return StringNode.valueOf(p.getString());
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case START_OBJECT:
        if (field == PROPERTIES) {
          properties = canonicalCopy(p);
          return COPIED;
        }
        return TREES.readTree(p);
      default:
        // Numbers and arrays: the tree's own node, so checks and messages read it as before.
        return TREES.readTree(p);
    }
  }

  /**
   * The object at the parser as the text {@link EventJson#canonicalObject(JsonNode)} gives for its
   * tree: the tree writes each node with the generator call used here (ints by their size, floats
   * as the BigDecimal the parser reads, strings and names as read), in the order read.
   */
  private static String canonicalCopy(JsonParser p) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = EventJson.MAPPER.createGenerator(out)) {
      int depth = 0;
      JsonToken token = p.currentToken();
      do {
        switch (token) {
          case START_OBJECT -> {
            g.writeStartObject();
            depth++;
          }
          case END_OBJECT -> {
            g.writeEndObject();
            depth--;
          }
          case START_ARRAY -> {
            g.writeStartArray();
            depth++;
          }
          case END_ARRAY -> {
            g.writeEndArray();
            depth--;
          }
          case PROPERTY_NAME -> g.writeName(p.currentName());
          case VALUE_STRING -> g.writeString(p.getString());
          case VALUE_NUMBER_INT -> {
            switch (p.getNumberType()) {
              case INT -> g.writeNumber(p.getIntValue());
              case LONG -> g.writeNumber(p.getLongValue());
              default -> g.writeNumber(p.getBigIntegerValue());
            }
          }
          case VALUE_NUMBER_FLOAT -> g.writeNumber(p.getDecimalValue());
          case VALUE_TRUE -> g.writeBoolean(true);
          case VALUE_FALSE -> g.writeBoolean(false);
          case VALUE_NULL -> g.writeNull();
          default -> throw new IllegalStateException("unexpected token " + token);
        }
        if (depth == 0) {
          break;
        }
        token = p.nextToken();
        if (token == null) {
          throw new IllegalStateException("input ended inside properties");
        }
      } while (true);
    }
    return out.toString();
  }

  /** The field's position in {@link #FIELDS}, -1 for a field the contract does not know. */
  private static int index(String name) {
    return switch (name) {
      case "id" -> 0;
      case "type" -> 1;
      case "tenant_id" -> 2;
      case "timestamp" -> 3;
      case "user_id" -> 4;
      case "feature" -> 5;
      case "step" -> 6;
      case "meter" -> 7;
      case "quantity" -> 8;
      case "plan" -> 9;
      case "billing_model" -> 10;
      case "tenancy_model" -> 11;
      case "seats" -> 12;
      case "properties" -> PROPERTIES;
      case "stripe_customer_id" -> 14;
      default -> -1;
    };
  }

  private static String kindOf(JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      case START_ARRAY -> "array";
      default -> token.name().toLowerCase(Locale.ROOT);
    };
  }

  /** Whether the element is a JSON object (anything else is refused whole). */
  public boolean isObject() {
    return kind == null;
  }

  /** The JSON type of a non-object element, as {@link EventJson#kind} names it. */
  String kind() {
    return kind;
  }

  /** The {@code id} when it is a string, for answers about a refused event; else null. */
  public String id() {
    JsonNode id = values == null ? null : values[0];
    return id != null && id.isString() ? id.stringValue() : null;
  }

  /** The canonical text of {@code properties} when it was an object, else null. */
  String properties() {
    return properties;
  }

  FieldReader.Fields fields() {
    return new FieldReader.Fields() {
      @Override
      public JsonNode get(String field) {
        int i = index(field);
        return i < 0 ? null : values[i];
      }

      @Override
      public String canonicalObject(String field, JsonNode node) {
        return node == COPIED ? properties : EventJson.canonicalObject(node);
      }
    };
  }
}
