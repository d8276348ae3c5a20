package dev.tenantpulse.alerting.rules;

import java.util.List;

/**
 * One parameter of a rule kind: its name in the rules file, type, default and allowed range.
 *
 * @param min smallest allowed number (inclusive), ignored for flags and choices
 * @param max largest allowed number (inclusive), ignored for flags and choices
 * @param choices the allowed words of a {@link Type#CHOICE}, empty otherwise
 */
public record ParamSpec(
    String name,
    Type type,
    Object defaultValue,
    double min,
    double max,
    List<String> choices,
    String meaning) {

  public ParamSpec {
    choices = List.copyOf(choices);
  }

  /** The value types parameters can have. */
  public enum Type {
    NUMBER,
    INTEGER,
    FLAG,
    /** One word of {@code choices}. */
    CHOICE
  }

  static ParamSpec number(String name, double defaultValue, double min, double max, String m) {
    return new ParamSpec(name, Type.NUMBER, defaultValue, min, max, List.of(), m);
  }

  static ParamSpec integer(String name, int defaultValue, int min, int max, String m) {
    return new ParamSpec(name, Type.INTEGER, defaultValue, min, max, List.of(), m);
  }

  static ParamSpec flag(String name, boolean defaultValue, String m) {
    return new ParamSpec(name, Type.FLAG, defaultValue, 0, 0, List.of(), m);
  }

  static ParamSpec choice(String name, String defaultValue, List<String> choices, String m) {
    return new ParamSpec(name, Type.CHOICE, defaultValue, 0, 0, choices, m);
  }
}
