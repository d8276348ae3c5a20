package dev.tenantpulse.warehouse.schema;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One immutable schema migration: a versioned SQL file whose statements each end with a line
 * holding only {@code ;}.
 *
 * @param version the number in the file name ({@code V003__feature_adoption.sql} is 3)
 * @param name the rest of the file name ({@code feature_adoption})
 * @param sql the file's text, written for the database {@code tenant_pulse}
 * @param checksum SHA-256 of {@code sql}: an applied migration whose file changed is refused
 */
public record Migration(int version, String name, String sql, String checksum) {

  static final String DEFAULT_DATABASE = "tenant_pulse";
  private static final Pattern TERMINATOR = Pattern.compile("(?m)^;\\s*$");
  private static final Pattern DATABASE_NAME = Pattern.compile("\\b" + DEFAULT_DATABASE + "\\b");

  /** The statements, for {@code database} instead of tenant_pulse (tests use one per test). */
  public List<String> statements(String database) {
    String text = DATABASE_NAME.matcher(sql).replaceAll(database);
    return Arrays.stream(TERMINATOR.split(text))
        .map(String::strip)
        .filter(Migration::hasCode)
        .toList();
  }

  private static boolean hasCode(String chunk) {
    return chunk.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("--"));
  }

  public String label() {
    return String.format("V%03d %s", version, name);
  }
}
