package dev.tenantpulse.flink.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares one table's rows with the oracle's, row by row and value by value: doubles with a
 * relative tolerance of 1e-9 (summation order differs), everything else exactly.
 */
final class OracleDiff {

  static final double TOLERANCE = 1e-9;

  private final List<String> mismatches = new ArrayList<>();
  private final List<String> summary = new ArrayList<>();

  /**
   * @param expected row key to its values, from the oracle
   * @param actual row key to its values, from the pipelines (newest version per key)
   * @param columns names of the values, for messages
   */
  void compare(
      String table,
      List<String> columns,
      Map<String, List<Object>> expected,
      Map<String, List<Object>> actual) {
    int before = mismatches.size();
    TreeSet<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    for (String key : keys) {
      List<Object> e = expected.get(key);
      List<Object> a = actual.get(key);
      if (a == null) {
        mismatches.add(table + " " + key + ": missing, expected " + render(columns, e));
      } else if (e == null) {
        mismatches.add(table + " " + key + ": not expected, got " + render(columns, a));
      } else {
        for (int i = 0; i < columns.size(); i++) {
          if (!same(e.get(i), a.get(i))) {
            mismatches.add(
                table
                    + " "
                    + key
                    + ": "
                    + columns.get(i)
                    + " expected "
                    + e.get(i)
                    + " but was "
                    + a.get(i));
          }
        }
      }
    }
    summary.add(
        table
            + ": "
            + expected.size()
            + " expected rows, "
            + actual.size()
            + " actual, "
            + (mismatches.size() - before)
            + " mismatches");
  }

  static boolean same(Object expected, Object actual) {
    if (expected instanceof Double e && actual instanceof Double a) {
      return e.equals(a) || Math.abs(e - a) <= TOLERANCE * Math.max(Math.abs(e), Math.abs(a));
    }
    return Objects.equals(expected, actual);
  }

  private static String render(List<String> columns, List<Object> values) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < columns.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=').append(values.get(i));
    }
    return b.append('}').toString();
  }

  boolean matches() {
    return mismatches.isEmpty();
  }

  /** Per table counts, then the first 10 mismatches. */
  String report() {
    StringBuilder b = new StringBuilder(String.join("\n", summary));
    if (!mismatches.isEmpty()) {
      b.append("\n").append(mismatches.size()).append(" mismatches, the first 10:");
      mismatches.stream().limit(10).forEach(m -> b.append("\n  ").append(m));
    }
    return b.toString();
  }
}
