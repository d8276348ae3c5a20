package dev.tenantpulse.warehouse.shell;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A hint the shell gives before the engine sees a statement: a {@code FORMAT} clause would replace
 * the output the driver reads, so the shell points at {@code --format} instead.
 *
 * <p>This is not the read-only guard. What a read-only session may run (one reading statement, no
 * INTO OUTFILE, no host or network functions) is decided by the driver with the engine's own
 * parser, for the shell and the console alike: a pattern over the text cannot know every comment
 * and string form ClickHouse has.
 */
final class StatementGuard {

  private static final Pattern TRAILING_FORMAT = Pattern.compile("(?is).*\\bFORMAT\\s+\\w+\\s*");

  private StatementGuard() {}

  /** Why the shell refuses {@code sql}, or empty when it may run. */
  static Optional<SQLException> refusal(String sql) {
    if (TRAILING_FORMAT.matcher(SqlCode.codeOnly(sql)).matches()) {
      return Optional.of(
          new SQLException(
              "the shell formats results itself: drop the FORMAT clause and use --format "
                  + OutputFormat.names().replace(", ", "|"),
              "42000"));
    }
    return Optional.empty();
  }
}
