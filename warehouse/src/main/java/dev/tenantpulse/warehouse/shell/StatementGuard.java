package dev.tenantpulse.warehouse.shell;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Statements the shell refuses before the engine sees them, because readonly=1 does not.
 *
 * <p>{@code SELECT … INTO OUTFILE 'path' [TRUNCATE | APPEND]} writes a file in chDB even in a
 * readonly=1 session (seen on 26.7): ClickHouse leaves INTO OUTFILE to its client, and in chDB the
 * client is this process. Refused here, so the read-only shell cannot overwrite a file, such as the
 * engine's own metadata. A {@code FORMAT} clause would replace the output the driver reads.
 */
final class StatementGuard {

  private static final Pattern INTO_OUTFILE = Pattern.compile("(?is).*\\bINTO\\s+OUTFILE\\b.*");
  private static final Pattern TRAILING_FORMAT = Pattern.compile("(?is).*\\bFORMAT\\s+\\w+\\s*");

  private StatementGuard() {}

  /** Why the shell refuses {@code sql}, or empty when it may run. */
  static Optional<SQLException> refusal(String sql) {
    String code = codeOnly(sql);
    if (INTO_OUTFILE.matcher(code).matches()) {
      return Optional.of(
          new SQLException(
              "INTO OUTFILE writes a file, which this shell does not do: use --format csv|tsv|json"
                  + " and redirect the output",
              "25006",
              ShellErrors.READONLY));
    }
    if (TRAILING_FORMAT.matcher(code).matches()) {
      return Optional.of(
          new SQLException(
              "the shell formats results itself: drop the FORMAT clause and use --format "
                  + OutputFormat.names().replace(", ", "|"),
              "42000"));
    }
    return Optional.empty();
  }

  /** {@code sql} with the insides of quotes and comments blanked, so only its code is matched. */
  static String codeOnly(String sql) {
    StringBuilder b = new StringBuilder(sql.length());
    int n = sql.length();
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : 0;
      if (c == '\'' || c == '"' || c == '`') {
        b.append(c);
        for (i++; i < n && sql.charAt(i) != c; i++) {
          b.append(' ');
          if (sql.charAt(i) == '\\' && i + 1 < n) {
            b.append(' ');
            i++;
          }
        }
        if (i < n) {
          b.append(c);
        }
      } else if (c == '-' && next == '-') {
        int end = sql.indexOf('\n', i);
        i = (end < 0 ? n : end) - 1;
        b.append(' ');
      } else if (c == '/' && next == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
        b.append(' ');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
