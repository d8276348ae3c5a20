package dev.tenantpulse.tenancy.events;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON configuration shared by the codec and the validator, and the canonical form of {@code
 * properties}.
 *
 * <p>Floats in trees are read as BigDecimal so that numbers inside {@code properties} keep the
 * digits the sender wrote. The canonical form of a properties object is this mapper's compact
 * serialisation of its own parse; it is idempotent, which is what makes encode/decode lossless.
 */
final class EventJson {

  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private EventJson() {}

  /**
   * The canonical text of a JSON object given as text; throws {@link IllegalArgumentException} if
   * the text is not exactly one JSON object.
   */
  static String canonicalObject(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "properties is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("properties must be a JSON object, got " + kind(node));
    }
    return MAPPER.writeValueAsString(node);
  }

  /**
   * The canonical text of an object node parsed by any mapper. It is written and re-read, since the
   * caller's mapper may have read numbers differently (double rather than BigDecimal).
   */
  static String canonicalObject(JsonNode object) {
    String text;
    try {
      text = MAPPER.writeValueAsString(object);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
    // Written once, the text is already canonical unless a node writes differently from what this
    // mapper reads back: binary floating point (read back as BigDecimal: 1.0E10 becomes 1.0E+10)
    // and nodes built in code (POJOs, raw values). Integers, BigDecimals (toString and back is
    // exact, scale included), strings, booleans and nulls write the same after a re-read. The
    // collector's trees hold none of the others, which spares it a parse and a write per event.
    return object.isObject() && rereadsIdentically(object) ? text : canonicalObject(text);
  }

  /** Whether every node under {@code root} writes the same text after a round trip. */
  private static boolean rereadsIdentically(JsonNode root) {
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      switch (node.getNodeType()) {
        case OBJECT, ARRAY -> node.values().forEach(pending::push);
        case STRING, BOOLEAN, NULL -> {}
        case NUMBER -> {
          JsonParser.NumberType type = node.numberType();
          if (type != JsonParser.NumberType.INT
              && type != JsonParser.NumberType.LONG
              && type != JsonParser.NumberType.BIG_INTEGER
              && type != JsonParser.NumberType.BIG_DECIMAL) {
            return false;
          }
        }
        default -> {
          return false; // binary, POJO, missing
        }
      }
    }
    return true;
  }

  /** The canonical text of an object node this mapper parsed (already canonical: written once). */
  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** The JSON type of a node for messages: string, number, boolean, object, array, null. */
  static String kind(JsonNode node) {
    return node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
