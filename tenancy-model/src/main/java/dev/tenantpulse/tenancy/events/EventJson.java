package dev.tenantpulse.tenancy.events;

import java.util.Locale;
import tools.jackson.core.JacksonException;
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
    return canonicalObject(text);
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
