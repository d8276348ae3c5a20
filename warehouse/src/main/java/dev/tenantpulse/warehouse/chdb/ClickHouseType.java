package dev.tenantpulse.warehouse.chdb;

import java.sql.Types;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A ClickHouse column type as the engine prints it, e.g. {@code Nullable(DateTime64(3, 'UTC'))},
 * parsed into its name, nested types and literal arguments.
 *
 * @param name the type constructor, e.g. {@code Nullable}, {@code Decimal}, {@code String}
 * @param children nested types of Nullable, LowCardinality, Array, Map and unnamed Tuple
 * @param args the literal arguments of the other constructors, e.g. {@code 3} and {@code 'UTC'}
 * @param text the type exactly as the engine printed it
 */
record ClickHouseType(String name, List<ClickHouseType> children, List<String> args, String text) {

  private static final List<String> WRAPPERS =
      List.of("Nullable", "LowCardinality", "Array", "Map", "Tuple");

  static ClickHouseType parse(String text) {
    String t = text.strip();
    int open = t.indexOf('(');
    if (open < 0) {
      return new ClickHouseType(t, List.of(), List.of(), t);
    }
    String name = t.substring(0, open).strip();
    List<String> parts = splitTopLevel(t.substring(open + 1, t.lastIndexOf(')')));
    if (WRAPPERS.contains(name) && !(name.equals("Tuple") && isNamedTuple(parts))) {
      List<ClickHouseType> children = new ArrayList<>();
      for (String part : parts) {
        children.add(parse(part));
      }
      return new ClickHouseType(name, List.copyOf(children), List.of(), t);
    }
    return new ClickHouseType(name, List.of(), List.copyOf(parts), t);
  }

  private static boolean isNamedTuple(List<String> parts) {
    // An element name is a plain identifier or, when it is not one, backquoted (`a(` UInt8).
    return parts.stream()
        .anyMatch(
            p ->
                p.strip().matches("[A-Za-z_][A-Za-z0-9_]*\\s+\\S.*")
                    || p.strip().matches("(?s)`(?:[^`\\\\]|\\\\.|``)*`\\s+\\S.*"));
  }

  /**
   * Splits on commas that are outside parentheses, quoted strings ('…') and backquoted names (`…`,
   * which may hold commas and parentheses of their own).
   */
  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '`') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i).strip());
        start = i + 1;
      }
    }
    parts.add(s.substring(start).strip());
    return parts;
  }

  boolean nullable() {
    return name.equals("Nullable");
  }

  /** The type with Nullable and LowCardinality removed: what the values really are. */
  ClickHouseType base() {
    ClickHouseType t = this;
    while (t.name.equals("Nullable") || t.name.equals("LowCardinality")) {
      t = t.children.get(0);
    }
    return t;
  }

  ClickHouseType child(int i) {
    return children.get(i);
  }

  /** DateTime/DateTime64 time zone; the session time zone (UTC here) when the type names none. */
  ZoneId zone() {
    String zone = null;
    if (name.equals("DateTime") && args.size() == 1) {
      zone = args.get(0);
    } else if (name.equals("DateTime64") && args.size() == 2) {
      zone = args.get(1);
    }
    return zone == null ? ZoneOffset.UTC : ZoneId.of(zone.replace("'", "").strip());
  }

  /** Decimal scale or DateTime64 precision. */
  int scale() {
    return switch (name) {
      case "Decimal" -> Integer.parseInt(args.get(1));
      case "Decimal32", "Decimal64", "Decimal128", "Decimal256", "DateTime64" ->
          Integer.parseInt(args.get(0));
      default -> 0;
    };
  }

  /** Decimal precision (digits), or the display precision of other types. */
  int precision() {
    return switch (name) {
      case "Decimal" -> Integer.parseInt(args.get(0));
      case "Decimal32" -> 9;
      case "Decimal64" -> 18;
      case "Decimal128" -> 38;
      case "Decimal256" -> 76;
      case "UInt8", "Int8" -> 3;
      case "UInt16", "Int16" -> 5;
      case "UInt32", "Int32" -> 10;
      case "UInt64", "Int64" -> 19;
      case "Float32" -> 7;
      case "Float64" -> 15;
      default -> 0;
    };
  }

  int jdbcType() {
    ClickHouseType b = base();
    return switch (b.name) {
      case "Int8" -> Types.TINYINT;
      case "Int16", "UInt8" -> Types.SMALLINT;
      case "Int32", "UInt16" -> Types.INTEGER;
      case "Int64", "UInt32" -> Types.BIGINT;
      case "UInt64", "Int128", "UInt128", "Int256", "UInt256" -> Types.NUMERIC;
      case "Float32" -> Types.REAL;
      case "Float64" -> Types.DOUBLE;
      case "Decimal", "Decimal32", "Decimal64", "Decimal128", "Decimal256" -> Types.DECIMAL;
      case "Bool" -> Types.BOOLEAN;
      case "String", "FixedString", "Enum8", "Enum16", "IPv4", "IPv6" -> Types.VARCHAR;
      case "Date", "Date32" -> Types.DATE;
      case "DateTime", "DateTime64" -> Types.TIMESTAMP;
      case "Array" -> Types.ARRAY;
      case "UUID" -> Types.OTHER;
      default -> Types.OTHER;
    };
  }

  String javaClassName() {
    ClickHouseType b = base();
    return switch (b.name) {
      case "Int8" -> Byte.class.getName();
      case "Int16", "UInt8" -> Short.class.getName();
      case "Int32", "UInt16" -> Integer.class.getName();
      case "Int64", "UInt32" -> Long.class.getName();
      case "UInt64", "Int128", "UInt128", "Int256", "UInt256" ->
          java.math.BigInteger.class.getName();
      case "Float32" -> Float.class.getName();
      case "Float64" -> Double.class.getName();
      case "Decimal", "Decimal32", "Decimal64", "Decimal128", "Decimal256" ->
          java.math.BigDecimal.class.getName();
      case "Bool" -> Boolean.class.getName();
      case "Date", "Date32" -> java.sql.Date.class.getName();
      case "DateTime", "DateTime64" -> java.sql.Timestamp.class.getName();
      case "Array" -> java.sql.Array.class.getName();
      case "Map" -> java.util.Map.class.getName();
      case "Tuple" -> java.util.List.class.getName();
      case "UUID" -> java.util.UUID.class.getName();
      default -> String.class.getName();
    };
  }

  boolean signed() {
    String n = base().name.toLowerCase(Locale.ROOT);
    return !n.startsWith("uint") && !n.equals("date") && !n.equals("datetime");
  }

  @Override
  public String toString() {
    return text;
  }
}
