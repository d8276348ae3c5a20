package dev.tenantpulse.warehouse.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects input lines into statements that end with {@code ;}. A semicolon inside a quoted string
 * or identifier ({@code '…'}, {@code "…"}, {@code `…`}, with backslash escapes as ClickHouse reads
 * them) or inside a comment ({@code -- …}, {@code /* … *}{@code /}) does not end a statement.
 *
 * <p>Each statement goes to the engine on its own: chDB runs every statement of a text it gets, and
 * the driver reads one result.
 */
final class StatementSplitter {

  private final StringBuilder current = new StringBuilder();
  private char quote; // 0 outside quotes, else the quote that opened
  private boolean blockComment;
  private boolean hasCode; // current holds more than whitespace and comments

  /** Adds one line (without its line break) and returns the statements it completed. */
  List<String> add(String line) {
    List<String> done = new ArrayList<>();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
      if (blockComment) {
        current.append(c);
        if (c == '*' && next == '/') {
          current.append(next);
          i++;
          blockComment = false;
        }
      } else if (quote != 0) {
        current.append(c);
        if (c == '\\' && next != 0) {
          current.append(next);
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '-' && next == '-') {
        current.append(line, i, line.length()); // the rest of the line is a comment
        break;
      } else if (c == '/' && next == '*') {
        current.append("/*");
        i++;
        blockComment = true;
      } else if (c == ';') {
        if (hasCode) {
          done.add(current.toString().strip());
        }
        current.setLength(0);
        hasCode = false;
      } else {
        if (c == '\'' || c == '"' || c == '`') {
          quote = c;
        }
        hasCode |= !Character.isWhitespace(c);
        current.append(c);
      }
    }
    if (hasCode || !current.isEmpty()) {
      current.append('\n');
    }
    return done;
  }

  /** Whether a statement has begun and not ended yet. */
  boolean pending() {
    return hasCode || quote != 0 || blockComment;
  }

  /** The unfinished statement, for the end of input, or null when there is none; then resets. */
  String flush() {
    String rest = hasCode ? current.toString().strip() : null;
    current.setLength(0);
    hasCode = false;
    quote = 0;
    blockComment = false;
    return rest;
  }
}
