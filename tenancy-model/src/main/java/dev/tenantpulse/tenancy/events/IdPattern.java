package dev.tenantpulse.tenancy.events;

import java.util.regex.Pattern;

/**
 * The id pattern of the event contract, for {@code tenant_id}, {@code feature} and {@code meter}: a
 * letter or digit, then up to 63 letters, digits or {@code _ . : -}. Wide enough for the ids
 * customers already have (UUIDs, {@code org:123}), narrow enough to be safe as a label, a file name
 * or a Kafka key without escaping.
 */
public final class IdPattern {

  /** The regular expression, as shown in error messages. */
  public static final String REGEX = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}";

  private static final Pattern PATTERN = Pattern.compile(REGEX);

  private IdPattern() {}

  /** Whether {@code value} matches the pattern (null does not). */
  public static boolean matches(String value) {
    // The same test as PATTERN.matcher(value).matches() (IdPatternTests compares them), by hand:
    // it runs for several fields of every event the collector receives.
    if (value == null
        || value.isEmpty()
        || value.length() > 64
        || !isLetterOrDigit(value.charAt(0))) {
      return false;
    }
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isLetterOrDigit(c) && c != '_' && c != '.' && c != ':' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code [A-Za-z0-9]}: ASCII only, unlike {@link Character#isLetterOrDigit}. */
  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** The compiled {@link #REGEX}, the definition {@link #matches} implements. */
  static Pattern pattern() {
    return PATTERN;
  }
}
