package dev.tenantpulse.warehouse.chdb;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement split at its {@code ?} placeholders. Question marks inside string literals, quoted
 * identifiers and comments are text, not placeholders.
 *
 * @param parts the text around the placeholders: one more than {@link #parameterCount()}
 */
record SqlTemplate(String sql, List<String> parts) {

  static SqlTemplate parse(String sql) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '?') {
        parts.add(sql.substring(start, i));
        start = ++i;
      } else {
        i++;
      }
    }
    parts.add(sql.substring(start));
    return new SqlTemplate(sql, List.copyOf(parts));
  }

  /**
   * Whether {@code sql} holds a second statement after a {@code ;} outside literals and comments. A
   * trailing {@code ;}, whitespace or comment after the one statement is not a second one.
   */
  static boolean isMultiStatement(String sql) {
    boolean ended = false;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == ';') {
        ended = true;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (ended) {
        return true;
      } else if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
      } else {
        i++;
      }
    }
    return false;
  }

  private static int skipQuoted(String sql, int open, char quote) {
    int i = open + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2; // doubled quote inside the literal
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return i;
  }

  int parameterCount() {
    return parts.size() - 1;
  }

  /** The statement with every placeholder replaced by its value's literal. */
  String render(Object[] values, boolean[] set) throws SQLException {
    StringBuilder b = new StringBuilder(sql.length() + 16 * values.length);
    b.append(parts.get(0));
    for (int p = 0; p < parameterCount(); p++) {
      if (!set[p]) {
        throw new SQLException("parameter " + (p + 1) + " is not set", "07001");
      }
      try {
        b.append(SqlLiterals.render(values[p]));
      } catch (IllegalArgumentException e) {
        throw new SQLException(e.getMessage() + " (parameter " + (p + 1) + ")", "22023", e);
      }
      b.append(parts.get(p + 1));
    }
    return b.toString();
  }
}
