package dev.tenantpulse.dashboards.model;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Absolute thresholds: a base color, then a color from each value up. Drawn as lines or areas on
 * time series when the field config's {@code custom.thresholdsStyle} asks for it, used for colors
 * by stat and table panels.
 */
public record Thresholds(String baseColor, List<Step> steps) {

  /** From {@code value} up, {@code color}. */
  public record Step(double value, String color) {}

  public Thresholds {
    steps = List.copyOf(steps);
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).value() <= steps.get(i - 1).value()) {
        throw new IllegalArgumentException("threshold steps must ascend: " + steps);
      }
    }
  }

  public static Thresholds of(String baseColor) {
    return new Thresholds(baseColor, List.of());
  }

  public Thresholds step(double value, String color) {
    List<Step> more = new ArrayList<>(steps);
    more.add(new Step(value, color));
    return new Thresholds(baseColor, more);
  }

  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("mode", "absolute");
    ArrayNode array = node.putArray("steps");
    ObjectNode base = array.addObject();
    base.put("color", baseColor);
    base.putNull("value");
    for (Step step : steps) {
      ObjectNode s = array.addObject();
      s.put("color", step.color());
      s.put("value", step.value());
    }
    return node;
  }
}
