package dev.tenantpulse.dashboards.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field config properties for the result field (column or series) of one name. The name must be a
 * column of the panel's query: the tests check that on ClickHouse.
 */
public record FieldOverride(String fieldName, Map<String, JsonNode> properties) {

  public FieldOverride {
    Objects.requireNonNull(fieldName, "fieldName");
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  public static FieldOverride byName(String fieldName) {
    return new FieldOverride(fieldName, Map.of());
  }

  public FieldOverride with(String propertyId, JsonNode value) {
    Map<String, JsonNode> more = new LinkedHashMap<>(properties);
    more.put(propertyId, value.deepCopy());
    return new FieldOverride(fieldName, more);
  }

  public FieldOverride with(String propertyId, String value) {
    return with(propertyId, Json.string(value));
  }

  public Set<String> propertyIds() {
    return properties.keySet();
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    ObjectNode matcher = node.putObject("matcher");
    matcher.put("id", "byName");
    matcher.put("options", fieldName);
    ArrayNode props = node.putArray("properties");
    properties.forEach(
        (id, value) -> {
          ObjectNode p = props.addObject();
          p.put("id", id);
          p.set("value", value.deepCopy());
        });
    return node;
  }
}
