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
    String code = SqlCode.codeOnly(sql);
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
}
