package dev.tenantpulse.alerting.rules;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The labels of one alert instance (e.g. {@code plan=starter}), sorted by name. An instance is
 * identified by its rule and {@link #key()}; the rule-level instance (overall figure, and "no
 * data") has no labels.
 */
public record Labels(SortedMap<String, String> values) {

  public static final Labels NONE = new Labels(new TreeMap<>());

  public Labels {
    values = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  public static Labels of(String name, String value) {
    return new Labels(new TreeMap<>(Map.of(name, value)));
  }

  public static Labels of(String n1, String v1, String n2, String v2) {
    return new Labels(new TreeMap<>(Map.of(n1, v1, n2, v2)));
  }

  public static Labels of(Map<String, String> values) {
    return new Labels(new TreeMap<>(values));
  }

  /**
   * A canonical, unambiguous text of the labels ({@code name=value} pairs, sorted, with {@code \},
   * {@code ,} and {@code =} escaped): the storage key of an instance and part of its dedup key.
   */
  public String key() {
    return values.entrySet().stream()
        .map(e -> escape(e.getKey()) + "=" + escape(e.getValue()))
        .collect(Collectors.joining(","));
  }

  /** Parses {@link #key()} back. */
  public static Labels fromKey(String key) {
    TreeMap<String, String> values = new TreeMap<>();
    if (key.isEmpty()) {
      return new Labels(values);
    }
    StringBuilder current = new StringBuilder();
    String name = null;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\' && i + 1 < key.length()) {
        current.append(key.charAt(++i));
      } else if (c == '=' && name == null) {
        name = current.toString();
        current.setLength(0);
      } else if (c == ',') {
        values.put(name, current.toString());
        name = null;
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    values.put(name, current.toString());
    return new Labels(values);
  }

  /** Whether every matcher (name → exact value) holds for these labels. */
  public boolean matches(Map<String, String> matchers) {
    return matchers.entrySet().stream().allMatch(m -> m.getValue().equals(values.get(m.getKey())));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }

  @Override
  public String toString() {
    return "{" + key() + "}";
  }
}
