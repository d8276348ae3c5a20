package dev.tenantpulse.warehouse.chdb;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One column of a ClickHouse {@code Native} block: its type as the block declares it and its values
 * laid out column by column, the form the engine ingests without parsing rows (measured on this
 * machine: 500k rows of the events shape in 0.24 s as Native against 0.46 s as RowBinary, the same
 * as the engine's own {@code INSERT … SELECT}).
 *
 * <p>Layouts: a fixed-width or String value as in RowBinary ({@link RowBinaryEncoder}), one after
 * another; {@code Nullable(T)} a null map (one byte per row) then T's column with a default in the
 * null rows; {@code Array(T)} cumulative UInt64 end offsets then T's column of every element;
 * {@code Map(K, V)} offsets, then all keys, then all values. {@code LowCardinality(T)} is declared
 * as T: the engine converts it on insert ({@code input_format_native_allow_types_conversion}),
 * which spares the client building a dictionary.
 */
record NativeColumn(String wireType, Layout layout) {

  /** Writes a column's values (one per row) in its layout. */
  @FunctionalInterface
  interface Layout {
    void write(ByteSink out, List<?> values);
  }

  /** Writes {@code values} (one per row) in this column's layout. */
  void write(ByteSink out, List<?> values) {
    layout.write(out, values);
  }

  /** Empty when a type has no encoding here; the statement then falls back to a text INSERT. */
  static Optional<NativeColumn> forType(ClickHouseType type) {
    try {
      return Optional.of(build(type));
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static NativeColumn build(ClickHouseType type) {
    return switch (type.name()) {
      case "LowCardinality" -> build(type.child(0));
      case "Nullable" -> nullable(build(type.child(0)), defaultValue(type.child(0)));
      case "Array" -> array(build(type.child(0)));
      case "Map" -> map(build(type.child(0)), build(type.child(1)));
      default -> scalar(type);
    };
  }

  private static NativeColumn scalar(ClickHouseType type) {
    RowBinaryEncoder value =
        RowBinaryEncoder.forType(type)
            .orElseThrow(() -> new UnsupportedOperationException(type.text()));
    String wire = type.text();
    return new NativeColumn(
        wire,
        (out, values) -> {
          for (Object v : values) {
            value.write(out, notNull(v, wire));
          }
        });
  }

  private static NativeColumn nullable(NativeColumn inner, Object fill) {
    return new NativeColumn(
        "Nullable(" + inner.wireType() + ")",
        (out, values) -> {
          List<Object> filled = new ArrayList<>(values.size());
          for (Object v : values) {
            out.u8(v == null ? 1 : 0);
            filled.add(v == null ? fill : v);
          }
          inner.write(out, filled);
        });
  }

  private static NativeColumn array(NativeColumn element) {
    String wire = "Array(" + element.wireType() + ")";
    return new NativeColumn(
        wire,
        (out, values) -> {
          List<Object> elements = new ArrayList<>();
          for (Object v : values) {
            elements.addAll(RowBinaryEncoder.Values.collection(notNull(v, wire)));
            out.i64(elements.size());
          }
          element.write(out, elements);
        });
  }

  private static NativeColumn map(NativeColumn key, NativeColumn value) {
    String wire = "Map(" + key.wireType() + ", " + value.wireType() + ")";
    return new NativeColumn(
        wire,
        (out, values) -> {
          List<Object> keys = new ArrayList<>();
          List<Object> entries = new ArrayList<>();
          for (Object v : values) {
            ((Map<?, ?>) notNull(v, wire))
                .forEach(
                    (k, x) -> {
                      keys.add(k);
                      entries.add(x);
                    });
            out.i64(keys.size());
          }
          key.write(out, keys);
          value.write(out, entries);
        });
  }

  private static Object notNull(Object v, String type) {
    if (v == null) {
      throw new IllegalArgumentException("NULL for the non-nullable type " + type);
    }
    return v;
  }

  /** What a Nullable column holds in its null rows: any value of the type, the zero one here. */
  private static Object defaultValue(ClickHouseType type) {
    return switch (type.name()) {
      case "LowCardinality" -> defaultValue(type.child(0));
      case "String" -> "";
      case "Bool" -> false;
      case "Date", "Date32" -> LocalDate.EPOCH;
      case "DateTime", "DateTime64" -> Instant.EPOCH;
      case "UUID" -> new UUID(0, 0);
      case "Decimal", "Decimal32", "Decimal64", "Decimal128", "Decimal256" -> BigDecimal.ZERO;
      case "Array" -> List.of();
      case "Map" -> Map.of();
      default -> 0L; // the integers and floats
    };
  }

  /**
   * A whole block: the column and row counts, then per column its name, its declared type and its
   * values.
   */
  static void writeBlock(
      ByteSink out, List<String> names, List<NativeColumn> columns, List<Object[]> rows) {
    out.varint(columns.size());
    out.varint(rows.size());
    List<Object> values = new ArrayList<>(rows.size());
    for (int c = 0; c < columns.size(); c++) {
      values.clear();
      for (Object[] row : rows) {
        values.add(row[c]);
      }
      out.string(names.get(c));
      out.string(columns.get(c).wireType());
      try {
        columns.get(c).write(out, values);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "batch row "
                + (firstMisfit(columns.get(c), values) + 1)
                + ", column "
                + names.get(c)
                + ": "
                + e,
            e);
      }
    }
  }

  /** The index of the first value {@code column} cannot write (the error path only). */
  private static int firstMisfit(NativeColumn column, List<Object> values) {
    for (int i = 0; i < values.size(); i++) {
      try {
        column.write(new ByteSink(64), java.util.Collections.singletonList(values.get(i)));
      } catch (RuntimeException misfit) {
        return i;
      }
    }
    return 0;
  }
}
