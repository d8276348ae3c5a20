package dev.tenantpulse.warehouse.chdb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Renders a bound Java value as a ClickHouse literal. This is the driver's escaping: a string can
 * only ever become one quoted literal, because every backslash and quote in it is escaped, so no
 * bound value can change the statement around it.
 *
 * <p>Instants are written as UTC DateTime64 values, so they mean the same instant in a column of
 * any time zone; a LocalDateTime is a wall-clock text, read in the column's zone.
 */
final class SqlLiterals {

  private static final DateTimeFormatter UTC_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL_DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS");

  private SqlLiterals() {}

  static String render(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof CharSequence s) {
      return quote(s.toString());
    }
    if (value instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (value instanceof Double d) {
      return renderDouble(d);
    }
    if (value instanceof Float f) {
      return renderDouble(f.doubleValue());
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Byte
        || value instanceof Short
        || value instanceof Integer
        || value instanceof Long
        || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof java.sql.Date d) {
      return quote(d.toLocalDate().toString());
    }
    if (value instanceof LocalDate d) {
      return quote(d.toString());
    }
    if (value instanceof Timestamp t) {
      return instant(t.toInstant());
    }
    if (value instanceof Instant i) {
      return instant(i);
    }
    if (value instanceof OffsetDateTime t) {
      return instant(t.toInstant());
    }
    if (value instanceof ZonedDateTime t) {
      return instant(t.toInstant());
    }
    if (value instanceof LocalDateTime t) {
      return quote(LOCAL_DATE_TIME.format(t));
    }
    if (value instanceof UUID u) {
      return quote(u.toString());
    }
    if (value instanceof Enum<?> e) {
      return quote(e.name());
    }
    if (value instanceof byte[] bytes) {
      return quoteBytes(bytes);
    }
    if (value instanceof Object[] array) {
      return renderCollection(java.util.Arrays.asList(array));
    }
    if (value instanceof Collection<?> c) {
      return renderCollection(c);
    }
    if (value instanceof java.sql.Array a) {
      try {
        return render(a.getArray());
      } catch (java.sql.SQLException e) {
        throw new IllegalArgumentException("cannot read the bound array", e);
      }
    }
    if (value instanceof Map<?, ?> m) {
      StringJoiner j = new StringJoiner(", ", "map(", ")");
      m.forEach((k, v) -> j.add(render(k)).add(render(v)));
      return j.toString();
    }
    throw new IllegalArgumentException(
        "jdbc:chdb cannot bind a " + value.getClass().getName() + " as a ClickHouse value");
  }

  /**
   * As {@link #render(Object)}, for a value bound to a column of a known type: a list or array
   * bound to a Tuple column becomes a tuple literal, which an array literal cannot be cast to.
   */
  static String render(Object value, ClickHouseType column) {
    if (column.base().name().equals("Tuple")) {
      Collection<?> items =
          value instanceof Object[] a
              ? java.util.Arrays.asList(a)
              : value instanceof Collection<?> c ? c : null;
      if (items != null) {
        StringJoiner j = new StringJoiner(", ", "tuple(", ")");
        items.forEach(v -> j.add(render(v)));
        return j.toString();
      }
    }
    return render(value);
  }

  /**
   * An instant as a DateTime64 that names its zone. A bare text literal would be read in the zone
   * of whatever it meets (a column in another zone would shift it); a text with an offset cannot be
   * compared with a DateTime64 column (Code 53).
   */
  private static String instant(Instant i) {
    return "toDateTime64(" + quote(UTC_DATE_TIME.format(i)) + ", 9, 'UTC')";
  }

  private static String renderCollection(Collection<?> values) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    values.forEach(v -> j.add(render(v)));
    return j.toString();
  }

  private static String renderDouble(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return Double.toString(d);
  }

  /** A ClickHouse string literal: backslash and quote escaped, control bytes as escapes. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\'' -> b.append("\\'");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\0' -> b.append("\\0");
        default -> b.append(c);
      }
    }
    return b.append('\'').toString();
  }

  private static String quoteBytes(byte[] bytes) {
    StringBuilder b = new StringBuilder(bytes.length * 4 + 2).append('\'');
    for (byte x : bytes) {
      b.append(String.format("\\x%02X", x & 0xff));
    }
    return b.append('\'').toString();
  }

  /** A ClickHouse identifier in backquotes, for names that come from code, never from users. */
  static String identifier(String name) {
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
  }
}
