package dev.tenantpulse.alerting.rules;

/**
 * One parameter of a rule kind: its name in the rules file, type, default and allowed range.
 *
 * @param min smallest allowed number (inclusive), ignored for flags
 * @param max largest allowed number (inclusive), ignored for flags
 */
public record ParamSpec(
    String name, Type type, Object defaultValue, double min, double max, String meaning) {

  /** The value types parameters can have. */
  public enum Type {
    NUMBER,
    INTEGER,
    FLAG
  }

  static ParamSpec number(String name, double defaultValue, double min, double max, String m) {
    return new ParamSpec(name, Type.NUMBER, defaultValue, min, max, m);
  }

  static ParamSpec integer(String name, int defaultValue, int min, int max, String m) {
    return new ParamSpec(name, Type.INTEGER, defaultValue, min, max, m);
  }

  static ParamSpec flag(String name, boolean defaultValue, String m) {
    return new ParamSpec(name, Type.FLAG, defaultValue, 0, 0, m);
  }
}
