package dev.tenantpulse.warehouse.chdb;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;

/** A ClickHouse {@code Array(T)} value, materialised. */
record ChdbArray(ClickHouseType elementType, List<Object> values) implements Array {

  @Override
  public String getBaseTypeName() {
    return elementType.text();
  }

  @Override
  public int getBaseType() {
    return elementType.jdbcType();
  }

  @Override
  public Object getArray() {
    return values.toArray();
  }

  @Override
  public Object getArray(Map<String, Class<?>> map) {
    return getArray();
  }

  @Override
  public Object getArray(long index, int count) {
    return values.subList((int) index - 1, (int) index - 1 + count).toArray();
  }

  @Override
  public Object getArray(long index, int count, Map<String, Class<?>> map) {
    return getArray(index, count);
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    throw new SQLFeatureNotSupportedException("jdbc:chdb arrays do not offer a ResultSet view");
  }

  @Override
  public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
    return getResultSet();
  }

  @Override
  public ResultSet getResultSet(long index, int count) throws SQLException {
    return getResultSet();
  }

  @Override
  public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map)
      throws SQLException {
    return getResultSet();
  }

  @Override
  public void free() {}

  @Override
  public String toString() {
    return values.toString();
  }
}
