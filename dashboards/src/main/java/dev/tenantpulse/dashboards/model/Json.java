package dev.tenantpulse.dashboards.model;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON nodes for the dashboard model, and the one way they are written to files.
 *
 * <p>The output is byte-stable (two-space indent, {@code "key": value}, {@code \n} line ends on
 * every OS, arrays one element per line, a final newline) because the committed files are compared
 * byte for byte with what the code generates.
 */
public final class Json {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final ObjectWriter WRITER = MAPPER.writer().with(prettyPrinter());

  private Json() {}

  private static DefaultPrettyPrinter prettyPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  public static JsonNode string(String value) {
    return NODES.stringNode(value);
  }

  public static JsonNode number(int value) {
    return NODES.numberNode(value);
  }

  public static JsonNode number(double value) {
    return NODES.numberNode(value);
  }

  public static JsonNode bool(boolean value) {
    return NODES.booleanNode(value);
  }

  /** An array of strings. */
  public static ArrayNode strings(Iterable<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }

  /** The stable text of a node, ending with a newline. */
  public static String write(JsonNode node) {
    return WRITER.writeValueAsString(node) + "\n";
  }

  /** Parses JSON text (committed files, tests). */
  public static JsonNode parse(String text) {
    return MAPPER.readTree(text);
  }
}
