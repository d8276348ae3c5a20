package dev.tenantpulse.dashboards.model;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A panel's field config: the defaults every field gets, and per-field overrides. Only the settings
 * the boards use are typed; visualisation-specific settings go to {@code custom}.
 *
 * @param displayName field name shown in legends and stats; may use {@code
 *     ${__field.labels.<label>}} to name a series of a long result after its label value
 */
public record FieldConfig(
    String displayName,
    String unit,
    Integer decimals,
    Double min,
    Double max,
    String colorMode,
    Thresholds thresholds,
    String noValue,
    ObjectNode custom,
    List<FieldOverride> overrides) {

  public FieldConfig {
    custom = custom == null ? Json.object() : custom.deepCopy();
    overrides = List.copyOf(overrides);
  }

  public static FieldConfig empty() {
    return new FieldConfig(null, null, null, null, null, null, null, null, null, List.of());
  }

  public FieldConfig displayName(String value) {
    return new FieldConfig(
        value, unit, decimals, min, max, colorMode, thresholds, noValue, custom, overrides);
  }

  public FieldConfig unit(String value) {
    return new FieldConfig(
        displayName, value, decimals, min, max, colorMode, thresholds, noValue, custom, overrides);
  }

  public FieldConfig decimals(int value) {
    return new FieldConfig(
        displayName, unit, value, min, max, colorMode, thresholds, noValue, custom, overrides);
  }

  public FieldConfig min(double value) {
    return new FieldConfig(
        displayName, unit, decimals, value, max, colorMode, thresholds, noValue, custom, overrides);
  }

  public FieldConfig max(double value) {
    return new FieldConfig(
        displayName, unit, decimals, min, value, colorMode, thresholds, noValue, custom, overrides);
  }

  public FieldConfig colorMode(String value) {
    return new FieldConfig(
        displayName, unit, decimals, min, max, value, thresholds, noValue, custom, overrides);
  }

  public FieldConfig thresholds(Thresholds value) {
    return new FieldConfig(
        displayName, unit, decimals, min, max, colorMode, value, noValue, custom, overrides);
  }

  public FieldConfig noValue(String value) {
    return new FieldConfig(
        displayName, unit, decimals, min, max, colorMode, thresholds, value, custom, overrides);
  }

  /** Sets {@code custom.<path>} ({@code a.b} nests) for the panel's visualisation. */
  public FieldConfig custom(String path, JsonNode value) {
    ObjectNode copy = custom.deepCopy();
    String[] parts = path.split("\\.");
    ObjectNode at = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      at = at.has(parts[i]) ? (ObjectNode) at.get(parts[i]) : at.putObject(parts[i]);
    }
    at.set(parts[parts.length - 1], value.deepCopy());
    return new FieldConfig(
        displayName, unit, decimals, min, max, colorMode, thresholds, noValue, copy, overrides);
  }

  public FieldConfig custom(String path, String value) {
    return custom(path, Json.string(value));
  }

  public FieldConfig custom(String path, int value) {
    return custom(path, Json.number(value));
  }

  public FieldConfig override(FieldOverride override) {
    List<FieldOverride> more = new ArrayList<>(overrides);
    more.add(override);
    return new FieldConfig(
        displayName, unit, decimals, min, max, colorMode, thresholds, noValue, custom, more);
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    ObjectNode defaults = node.putObject("defaults");
    if (colorMode != null) {
      defaults.putObject("color").put("mode", colorMode);
    }
    if (!custom.isEmpty()) {
      defaults.set("custom", custom.deepCopy());
    }
    if (decimals != null) {
      defaults.put("decimals", decimals);
    }
    if (displayName != null) {
      defaults.put("displayName", displayName);
    }
    if (max != null) {
      defaults.put("max", max);
    }
    if (min != null) {
      defaults.put("min", min);
    }
    if (noValue != null) {
      defaults.put("noValue", noValue);
    }
    if (thresholds != null) {
      defaults.set("thresholds", thresholds.toJson());
    }
    if (unit != null) {
      defaults.put("unit", unit);
    }
    ArrayNode array = node.putArray("overrides");
    overrides.forEach(o -> array.add(o.toJson()));
    return node;
  }
}
