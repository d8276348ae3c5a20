package dev.tenantpulse.flink.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Typed reads of flat {@code key=value} properties that collect every problem (naming the property)
 * instead of stopping at the first, and notice keys nobody read (typos).
 */
final class PropertyReader {

  private final Map<String, String> values;
  private final Set<String> read = new HashSet<>();
  private final List<String> problems = new ArrayList<>();

  PropertyReader(Map<String, String> values) {
    this.values = values;
  }

  String string(String key, String fallback) {
    read.add(key);
    String v = values.get(key);
    return v == null ? fallback : v.strip();
  }

  String requiredString(String key, String fallback) {
    String v = string(key, fallback);
    if (v == null || v.isEmpty()) {
      problems.add(key + ": must not be empty");
    }
    return v;
  }

  int integer(String key, int fallback, int min) {
    return parse(key, fallback, Integer::parseInt, "an integer", v -> v >= min, ">= " + min);
  }

  boolean bool(String key, boolean fallback) {
    return parse(
        key,
        fallback,
        s -> {
          if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
          }
          throw new IllegalArgumentException();
        },
        "true or false",
        v -> true,
        "");
  }

  Duration duration(String key, Duration fallback, Duration min) {
    return parse(
        key,
        fallback,
        Durations::parse,
        "a duration (e.g. 500ms, 30s, 2m, 1h, 7d)",
        v -> v.compareTo(min) >= 0,
        ">= " + Durations.format(min));
  }

  <T> T parse(
      String key,
      T fallback,
      Function<String, T> parser,
      String expected,
      java.util.function.Predicate<T> valid,
      String rule) {
    read.add(key);
    String text = values.get(key);
    if (text == null) {
      return fallback;
    }
    T value;
    try {
      value = parser.apply(text.strip());
    } catch (RuntimeException e) {
      problems.add(key + ": '" + text + "' is not " + expected);
      return fallback;
    }
    if (!valid.test(value)) {
      problems.add(key + ": must be " + rule + ", got '" + text + "'");
      return fallback;
    }
    return value;
  }

  /** The keys under {@code prefix} (prefix stripped), all counted as read. */
  Map<String, String> withPrefix(String prefix) {
    Map<String, String> found = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && k.length() > prefix.length()) {
            read.add(k);
            found.put(k.substring(prefix.length()), v);
          }
        });
    return found;
  }

  void problem(String message) {
    problems.add(message);
  }

  /** Throws when a value was bad or a key was not one the job knows. */
  void finish() {
    new TreeMap<>(values)
        .keySet().stream()
            .filter(k -> !read.contains(k))
            .forEach(k -> problems.add(k + ": unknown property (a typo?)"));
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
  }
}
