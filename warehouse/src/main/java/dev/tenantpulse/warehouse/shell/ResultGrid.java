package dev.tenantpulse.warehouse.shell;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A result as text, ready to print: column names and kinds, and cells ({@code null} is SQL NULL).
 *
 * @param truncated the result had more rows than were read
 */
public record ResultGrid(List<Column> columns, List<List<String>> rows, boolean truncated) {

  public ResultGrid {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows); // rows themselves may hold nulls, so they are not copied
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " cells for " + columns.size() + " columns");
      }
    }
  }

  /** What a column holds, as far as printing cares. */
  public enum Kind {
    TEXT,
    /** Right-aligned in tables, bare in JSON. */
    NUMBER,
    BOOLEAN,
    /** Arrays, maps and tuples: the engine prints them as JSON. */
    STRUCTURED
  }

  public record Column(String name, String type, Kind kind) {}

  /** A grid from literal rows, for tests and for the shell's own listings. */
  public static ResultGrid of(List<Column> columns, List<List<String>> rows) {
    return new ResultGrid(columns, rows, false);
  }

  /** Reads at most {@code maxRows} rows of {@code rs}; {@code truncated} says whether more were. */
  static ResultGrid read(ResultSet rs, int maxRows) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<Column> columns = new ArrayList<>();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      String type = meta.getColumnTypeName(c);
      columns.add(new Column(meta.getColumnLabel(c), type, kind(meta.getColumnType(c), type)));
    }
    List<List<String>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == maxRows) {
        truncated = true;
        break;
      }
      String[] row = new String[columns.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = rs.getString(c + 1);
      }
      rows.add(Arrays.asList(row));
    }
    return new ResultGrid(columns, rows, truncated);
  }

  static Kind kind(int jdbcType, String typeName) {
    String base = typeName.replaceAll("^(Nullable\\(|LowCardinality\\()+", "");
    if (base.startsWith("Array(") || base.startsWith("Map(") || base.startsWith("Tuple(")) {
      return Kind.STRUCTURED;
    }
    return switch (jdbcType) {
      case Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.NUMERIC,
          Types.DECIMAL,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE ->
          Kind.NUMBER;
      case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
      default -> Kind.TEXT;
    };
  }
}
