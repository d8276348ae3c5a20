package dev.tenantpulse.warehouse.chdb;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of {@code INSERT INTO t [(a, b, c)] VALUES (?, ?, ?)}: the statement a batch can send
 * as binary rows instead of text.
 *
 * @param table the table as written in the statement (possibly {@code db.t} or quoted)
 * @param columns the listed columns, empty when the statement lists none
 */
record InsertShape(String table, List<String> columns, int placeholders) {

  private static final String NAME = "(?:`(?:[^`\\\\]|\\\\.)+`|\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_]*)";
  private static final Pattern INSERT =
      Pattern.compile(
          "(?is)\\s*INSERT\\s+INTO\\s+(?:TABLE\\s+)?("
              + NAME
              + "(?:\\."
              + NAME
              + ")?)\\s*(\\(([^)]*)\\))?\\s*VALUES\\s*\\(\\s*(\\?(?:\\s*,\\s*\\?)*)\\s*\\)\\s*;?\\s*");

  static Optional<InsertShape> of(String sql) {
    Matcher m = INSERT.matcher(sql);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> columns =
        m.group(3) == null
            ? List.of()
            : Arrays.stream(m.group(3).split(",")).map(String::strip).toList();
    int placeholders = m.group(4).split(",").length;
    if (!columns.isEmpty() && columns.size() != placeholders) {
      return Optional.empty();
    }
    return Optional.of(new InsertShape(m.group(1), columns, placeholders));
  }

  /** The INSERT without VALUES: what a streaming insert takes. */
  String prefix() {
    return "INSERT INTO "
        + table
        + (columns.isEmpty() ? "" : " (" + String.join(", ", columns) + ")");
  }

  static String unquote(String name) {
    if (name.length() > 1 && (name.startsWith("`") || name.startsWith("\""))) {
      return name.substring(1, name.length() - 1).replace("\\`", "`");
    }
    return name;
  }
}
