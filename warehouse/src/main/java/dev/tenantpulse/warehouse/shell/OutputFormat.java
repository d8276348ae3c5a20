package dev.tenantpulse.warehouse.shell;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the shell prints a result: an aligned table for people, or a format for other programs. */
public enum OutputFormat {
  TABLE,
  CSV,
  TSV,
  /** One JSON object per row (JSON Lines), so large results stream and {@code jq} reads them. */
  JSON;

  static Optional<OutputFormat> parse(String name) {
    return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name.strip())).findFirst();
  }

  static String names() {
    return Arrays.stream(values())
        .map(f -> f.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
