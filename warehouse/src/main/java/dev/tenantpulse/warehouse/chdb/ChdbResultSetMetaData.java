package dev.tenantpulse.warehouse.chdb;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Column names and ClickHouse types of a result, with their JDBC mapping. */
record ChdbResultSetMetaData(ResultTable table) implements ResultSetMetaData {

  private ClickHouseType type(int column) {
    return table.types().get(column - 1);
  }

  @Override
  public int getColumnCount() {
    return table.columnCount();
  }

  @Override
  public String getColumnName(int column) {
    return table.names().get(column - 1);
  }

  @Override
  public String getColumnLabel(int column) {
    return getColumnName(column);
  }

  /** The ClickHouse type as the engine prints it, e.g. {@code Nullable(Decimal(18, 4))}. */
  @Override
  public String getColumnTypeName(int column) {
    return type(column).text();
  }

  @Override
  public int getColumnType(int column) {
    return type(column).jdbcType();
  }

  @Override
  public String getColumnClassName(int column) {
    return type(column).javaClassName();
  }

  @Override
  public int isNullable(int column) {
    return type(column).nullable() ? columnNullable : columnNoNulls;
  }

  @Override
  public int getPrecision(int column) {
    return type(column).base().precision();
  }

  @Override
  public int getScale(int column) {
    return type(column).base().scale();
  }

  @Override
  public boolean isSigned(int column) {
    return type(column).signed();
  }

  @Override
  public int getColumnDisplaySize(int column) {
    return Math.max(getPrecision(column), getColumnName(column).length());
  }

  @Override
  public boolean isAutoIncrement(int column) {
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) {
    return true;
  }

  @Override
  public boolean isSearchable(int column) {
    return true;
  }

  @Override
  public boolean isCurrency(int column) {
    return false;
  }

  @Override
  public String getSchemaName(int column) {
    return "";
  }

  @Override
  public String getTableName(int column) {
    return "";
  }

  @Override
  public String getCatalogName(int column) {
    return "";
  }

  @Override
  public boolean isReadOnly(int column) {
    return true;
  }

  @Override
  public boolean isWritable(int column) {
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) {
    return false;
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
}
