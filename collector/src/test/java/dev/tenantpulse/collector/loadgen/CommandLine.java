package dev.tenantpulse.collector.loadgen;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --name=value} options; an unknown or bad one stops the run. */
final class CommandLine {

  private final Map<String, String> values;

  private CommandLine(Map<String, String> values) {
    this.values = values;
  }

  static CommandLine parse(String[] args, String... known) {
    Set<String> names = Set.of(known);
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected an option --name, got " + arg);
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("option --" + name + " needs a value");
      }
      if (!names.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option --" + name + "; known: --" + String.join(", --", known));
      }
      values.put(name, value);
    }
    return new CommandLine(values);
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int intValue(String name, int fallback) {
    return (int) longValue(name, fallback);
  }

  long longValue(String name, long fallback) {
    String v = values.get(name);
    try {
      return v == null ? fallback : Long.parseLong(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, got " + v);
    }
  }

  double doubleValue(String name, double fallback) {
    String v = values.get(name);
    try {
      return v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, got " + v);
    }
  }

  Transport.Kind transport(String name) {
    String v = values.getOrDefault(name, "raw");
    try {
      return Transport.Kind.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + " must be raw or jdk, got " + v);
    }
  }
}
