package dev.tenantpulse.dashboards.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What a panel needs of a result column, independent of the exact ClickHouse type: a time axis, a
 * number to plot, or a text label.
 */
public enum ValueKind {
  TIME,
  NUMBER,
  TEXT;

  /**
   * The kind of a ClickHouse column type as the engine reports it ({@code Nullable(Float64)},
   * {@code LowCardinality(String)}, {@code DateTime('UTC')}…); empty when none of the three fits
   * (arrays, maps, tuples…), which no panel column may have.
   */
  public static Optional<ValueKind> ofClickHouseType(String type) {
    String t = unwrap(type.trim());
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("datetime") || lower.equals("date") || lower.equals("date32")) {
      return Optional.of(TIME);
    }
    if (lower.matches("u?int(8|16|32|64|128|256)|float(32|64)|decimal.*|bool")) {
      return Optional.of(NUMBER);
    }
    if (lower.equals("string") || lower.startsWith("fixedstring") || lower.startsWith("enum")) {
      return Optional.of(TEXT);
    }
    return Optional.empty();
  }

  private static String unwrap(String type) {
    for (String wrapper : new String[] {"Nullable(", "LowCardinality("}) {
      if (type.startsWith(wrapper) && type.endsWith(")")) {
        return unwrap(type.substring(wrapper.length(), type.length() - 1));
      }
    }
    return type;
  }
}
