package dev.tenantpulse.warehouse.shell;

/**
 * SQL text with the insides of quotes and comments blanked (same length, same positions), so that
 * patterns checking a statement (FORMAT clauses, writes) match its code only. Shared by the shell's
 * guard and the one-process runtime's analyst SQL endpoint.
 */
public final class SqlCode {

  private SqlCode() {}

  /** {@code sql} with the insides of quotes and comments blanked, so only its code is matched. */
  public static String codeOnly(String sql) {
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
