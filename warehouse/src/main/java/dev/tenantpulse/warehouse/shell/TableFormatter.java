package dev.tenantpulse.warehouse.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ResultGrid} as an aligned text table for people:
 *
 * <pre>
 *  tenant_id | plan | active_24h
 * -----------+------+-----------
 *  acme      | pro  |         12
 *  globex    | NULL |          3
 * </pre>
 *
 * Numbers are right-aligned, NULL is printed as {@code NULL}, control characters are escaped so a
 * cell stays on its line, and cells wider than the limit end in {@code …}. Widths are terminal
 * columns ({@link DisplayWidth}), not chars. Pure: no I/O, no database.
 */
public final class TableFormatter {

  public static final int DEFAULT_MAX_CELL_WIDTH = 60;
  static final String NULL = "NULL";
  private static final String ELLIPSIS = "…";

  private final int maxCellWidth;

  public TableFormatter() {
    this(DEFAULT_MAX_CELL_WIDTH);
  }

  public TableFormatter(int maxCellWidth) {
    if (maxCellWidth < 2) {
      throw new IllegalArgumentException("cells need at least 2 columns, got " + maxCellWidth);
    }
    this.maxCellWidth = maxCellWidth;
  }

  /**
   * The table, one line per row after the header and its rule; empty for a result of no columns.
   */
  public String format(ResultGrid grid) {
    int n = grid.columns().size();
    if (n == 0) {
      return "";
    }
    List<String[]> cells = new ArrayList<>();
    String[] header = new String[n];
    for (int c = 0; c < n; c++) {
      header[c] = fit(grid.columns().get(c).name());
    }
    for (List<String> row : grid.rows()) {
      String[] texts = new String[n];
      for (int c = 0; c < n; c++) {
        String value = row.get(c);
        texts[c] = value == null ? NULL : fit(value);
      }
      cells.add(texts);
    }
    int[] widths = new int[n];
    for (int c = 0; c < n; c++) {
      widths[c] = DisplayWidth.of(header[c]);
      for (String[] texts : cells) {
        widths[c] = Math.max(widths[c], DisplayWidth.of(texts[c]));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths, grid);
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < n; c++) {
      rule.append(c == 0 ? "" : "+").append("-".repeat(widths[c] + 2));
    }
    out.append(rule).append('\n');
    for (String[] texts : cells) {
      line(out, texts, widths, grid);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String[] texts, int[] widths, ResultGrid grid) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < texts.length; c++) {
      boolean right = grid.columns().get(c).kind() == ResultGrid.Kind.NUMBER;
      String pad = " ".repeat(widths[c] - DisplayWidth.of(texts[c]));
      line.append(c == 0 ? " " : " | ");
      line.append(right ? pad + texts[c] : texts[c] + pad);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  /** The cell as one line of at most {@code maxCellWidth} columns. */
  String fit(String value) {
    String text = escapeControls(value);
    if (DisplayWidth.of(text) <= maxCellWidth) {
      return text;
    }
    StringBuilder cut = new StringBuilder();
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int w = DisplayWidth.of(cp);
      if (width + w > maxCellWidth - 1) {
        break;
      }
      cut.appendCodePoint(cp);
      width += w;
      i += Character.charCount(cp);
    }
    return cut.append(ELLIPSIS).toString();
  }

  private static String escapeControls(String value) {
    StringBuilder b = null;
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      String replacement =
          switch (ch) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isISOControl(ch) ? String.format("\\x%02x", (int) ch) : null;
          };
      if (replacement != null && b == null) {
        b = new StringBuilder(value.length() + 8).append(value, 0, i);
      }
      if (b != null) {
        b.append(replacement != null ? replacement : String.valueOf(ch));
      }
    }
    return b == null ? value : b.toString();
  }

  /** The footer under a result: {@code 3 rows in 0.012 s}. */
  public static String summary(long rows, Duration elapsed) {
    return String.format(
        Locale.ROOT, "%d %s in %.3f s", rows, rows == 1 ? "row" : "rows", elapsed.toNanos() / 1e9);
  }

  /** The note under a result the row limit cut short. */
  public static String truncationNote(int maxRows) {
    return "(result cut at "
        + maxRows
        + " rows by the row limit: add a LIMIT, or raise --max-rows)";
  }
}
