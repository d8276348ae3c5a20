package dev.tenantpulse.warehouse.chdb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A forward-only, read-only result set over a materialised {@link ResultTable}. */
final class ChdbResultSet extends UnsupportedResultSet {

  private final ChdbStatement statement;
  private final ResultTable table;
  private final Map<String, Integer> columnIndex = new HashMap<>();
  private int row = -1;
  private boolean wasNull;
  private boolean closed;
  private int fetchSize;

  ChdbResultSet(ChdbStatement statement, ResultTable table) {
    this.statement = statement;
    this.table = table;
    for (int i = table.columnCount() - 1; i >= 0; i--) {
      columnIndex.put(table.names().get(i), i + 1);
      columnIndex.putIfAbsent(table.names().get(i).toLowerCase(Locale.ROOT), i + 1);
    }
  }

  int rowCount() {
    return table.rows().size();
  }

  @Override
  public boolean next() throws SQLException {
    ensureOpen();
    if (row < table.rows().size()) {
      row++;
    }
    return row < table.rows().size();
  }

  private JsonNode cell(int column) throws SQLException {
    ensureOpen();
    if (row < 0 || row >= table.rows().size()) {
      throw new SQLException("the result set is not on a row (call next() first)", "24000");
    }
    if (column < 1 || column > table.columnCount()) {
      throw new SQLException(
          "column " + column + " is out of range 1.." + table.columnCount(), "07009");
    }
    JsonNode node = table.rows().get(row).get(column - 1);
    wasNull = node == null || node.isNull();
    return node;
  }

  private ClickHouseType type(int column) {
    return table.types().get(column - 1);
  }

  @Override
  public Object getObject(int column) throws SQLException {
    JsonNode node = cell(column);
    try {
      return wasNull ? null : JsonValues.decode(type(column), node);
    } catch (RuntimeException e) {
      throw new SQLDataException(
          "cannot read " + node + " as " + type(column) + " in column " + column, "22000", e);
    }
  }

  @Override
  public String getString(int column) throws SQLException {
    JsonNode node = cell(column);
    if (wasNull) {
      return null;
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  private Number number(int column) throws SQLException {
    Object value = getObject(column);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return n;
    }
    if (value instanceof Boolean b) {
      return b ? 1 : 0;
    }
    try {
      return new BigDecimal(value.toString().strip());
    } catch (NumberFormatException e) {
      throw new SQLDataException("column " + column + " holds no number: " + value, "22018");
    }
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    Object value = getObject(column);
    if (value instanceof Boolean b) {
      return b;
    }
    Number n = value == null ? null : number(column);
    return n != null && n.doubleValue() != 0;
  }

  @Override
  public byte getByte(int column) throws SQLException {
    Number n = number(column);
    return n == null ? 0 : n.byteValue();
  }

  @Override
  public short getShort(int column) throws SQLException {
    Number n = number(column);
    return n == null ? 0 : n.shortValue();
  }

  @Override
  public int getInt(int column) throws SQLException {
    Number n = number(column);
    return n == null ? 0 : n.intValue();
  }

  @Override
  public long getLong(int column) throws SQLException {
    Number n = number(column);
    return n == null ? 0 : n.longValue();
  }

  @Override
  public float getFloat(int column) throws SQLException {
    Number n = number(column);
    return n == null ? 0 : n.floatValue();
  }

  @Override
  public double getDouble(int column) throws SQLException {
    Number n = number(column);
    return n == null ? 0 : n.doubleValue();
  }

  @Override
  public BigDecimal getBigDecimal(int column) throws SQLException {
    Number n = number(column);
    if (n == null || n instanceof BigDecimal) {
      return (BigDecimal) n;
    }
    if (n instanceof Double || n instanceof Float) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return n instanceof BigInteger big ? new BigDecimal(big) : BigDecimal.valueOf(n.longValue());
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    String s = getString(column);
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Date getDate(int column) throws SQLException {
    LocalDate date = getObject(column, LocalDate.class);
    return date == null ? null : Date.valueOf(date);
  }

  @Override
  public Date getDate(int column, Calendar cal) throws SQLException {
    return getDate(column);
  }

  @Override
  public Timestamp getTimestamp(int column) throws SQLException {
    Instant instant = getObject(column, Instant.class);
    return instant == null ? null : Timestamp.from(instant);
  }

  @Override
  public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
    return getTimestamp(column);
  }

  @Override
  public Array getArray(int column) throws SQLException {
    return (Array) getObject(column);
  }

  @Override
  public <T> T getObject(int column, Class<T> type) throws SQLException {
    return type.cast(TypedValues.convert(getObject(column), type(column), cell(column), type));
  }

  @Override
  public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
    return getObject(column);
  }

  @Override
  public boolean wasNull() {
    return wasNull;
  }

  @Override
  public int findColumn(String label) throws SQLException {
    Integer index = columnIndex.get(label);
    if (index == null) {
      index = columnIndex.get(label.toLowerCase(Locale.ROOT));
    }
    if (index == null) {
      throw new SQLException("no column " + label + " in " + table.names(), "42S22");
    }
    return index;
  }

  // Name-based getters delegate to the index-based ones.
  @Override
  public Object getObject(String label) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public <T> T getObject(String label, Class<T> type) throws SQLException {
    return getObject(findColumn(label), type);
  }

  @Override
  public String getString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public boolean getBoolean(String label) throws SQLException {
    return getBoolean(findColumn(label));
  }

  @Override
  public byte getByte(String label) throws SQLException {
    return getByte(findColumn(label));
  }

  @Override
  public short getShort(String label) throws SQLException {
    return getShort(findColumn(label));
  }

  @Override
  public int getInt(String label) throws SQLException {
    return getInt(findColumn(label));
  }

  @Override
  public long getLong(String label) throws SQLException {
    return getLong(findColumn(label));
  }

  @Override
  public float getFloat(String label) throws SQLException {
    return getFloat(findColumn(label));
  }

  @Override
  public double getDouble(String label) throws SQLException {
    return getDouble(findColumn(label));
  }

  @Override
  public BigDecimal getBigDecimal(String label) throws SQLException {
    return getBigDecimal(findColumn(label));
  }

  @Override
  public byte[] getBytes(String label) throws SQLException {
    return getBytes(findColumn(label));
  }

  @Override
  public Date getDate(String label) throws SQLException {
    return getDate(findColumn(label));
  }

  @Override
  public Timestamp getTimestamp(String label) throws SQLException {
    return getTimestamp(findColumn(label));
  }

  @Override
  public Array getArray(String label) throws SQLException {
    return getArray(findColumn(label));
  }

  @Override
  public ResultSetMetaData getMetaData() {
    return new ChdbResultSetMetaData(table);
  }

  @Override
  public Statement getStatement() {
    return statement;
  }

  @Override
  public int getRow() {
    return row >= 0 && row < table.rows().size() ? row + 1 : 0;
  }

  @Override
  public boolean isBeforeFirst() {
    return row < 0 && !table.rows().isEmpty();
  }

  @Override
  public boolean isAfterLast() {
    return row >= table.rows().size() && !table.rows().isEmpty();
  }

  @Override
  public boolean isFirst() {
    return row == 0 && !table.rows().isEmpty();
  }

  @Override
  public boolean isLast() {
    return row == table.rows().size() - 1;
  }

  @Override
  public int getType() {
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getConcurrency() {
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getHoldability() {
    return ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public int getFetchDirection() {
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    if (direction != ResultSet.FETCH_FORWARD) {
      throw unsupported("a fetch direction other than FETCH_FORWARD");
    }
  }

  @Override
  public int getFetchSize() {
    return fetchSize;
  }

  @Override
  public void setFetchSize(int rows) {
    fetchSize = rows; // a hint only: results arrive whole
  }

  @Override
  public SQLWarning getWarnings() {
    return null;
  }

  @Override
  public void clearWarnings() {}

  @Override
  public void close() {
    closed = true;
  }

  /** Closed by {@link #close()} or with its statement or connection, as JDBC requires. */
  @Override
  public boolean isClosed() {
    return closed || statement.isClosed();
  }

  private void ensureOpen() throws SQLException {
    if (isClosed()) {
      throw new SQLException("the result set is closed", "24000");
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  /** Conversions for {@code getObject(column, Class)}. */
  static final class TypedValues {
    private TypedValues() {}

    static Object convert(Object value, ClickHouseType type, JsonNode node, Class<?> target)
        throws SQLException {
      if (value == null || target.isInstance(value) && !(value instanceof Timestamp)) {
        return value;
      }
      if (value instanceof Timestamp ts) {
        LocalDateTime local = JsonValues.localDateTime(node);
        ZonedDateTime zoned = local.atZone(type.base().zone());
        if (target == Timestamp.class || target == Object.class) {
          return ts;
        } else if (target == LocalDateTime.class) {
          return local;
        } else if (target == Instant.class) {
          return zoned.toInstant();
        } else if (target == OffsetDateTime.class) {
          return zoned.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        } else if (target == ZonedDateTime.class) {
          return zoned;
        } else if (target == LocalDate.class) {
          return local.toLocalDate();
        }
      } else if (value instanceof Date d) {
        if (target == LocalDate.class) {
          return d.toLocalDate();
        }
      } else if (target == String.class) {
        return node.isValueNode() ? node.asString() : node.toString();
      } else if (value instanceof Number n) {
        if (target == Integer.class) {
          return n.intValue();
        } else if (target == Long.class) {
          return n.longValue();
        } else if (target == Short.class) {
          return n.shortValue();
        } else if (target == Byte.class) {
          return n.byteValue();
        } else if (target == Double.class) {
          return n.doubleValue();
        } else if (target == Float.class) {
          return n.floatValue();
        } else if (target == BigDecimal.class) {
          return new BigDecimal(n.toString());
        } else if (target == BigInteger.class) {
          return new BigDecimal(n.toString()).toBigInteger();
        } else if (target == Boolean.class) {
          return n.doubleValue() != 0;
        }
      } else if (value instanceof ChdbArray a) {
        if (target == List.class) {
          return a.values();
        } else if (target == Object[].class) {
          return a.values().toArray();
        }
      } else if (value instanceof String s && target == UUID.class) {
        return UUID.fromString(s);
      }
      throw new SQLDataException(
          "cannot convert " + type + " value " + value + " to " + target.getName(), "22000");
    }
  }
}
