package dev.tenantpulse.warehouse.chdb;

import java.sql.*;

/**
 * Base of the chDB prepared statement: its own methods answer {@link
 * SQLFeatureNotSupportedException} until overridden.
 */
@SuppressWarnings({"deprecation", "RedundantThrows"})
abstract class UnsupportedPreparedStatement extends ChdbStatement implements PreparedStatement {

  UnsupportedPreparedStatement(ChdbConnection connection) {
    super(connection);
  }

  @Override
  public void addBatch() throws SQLException {
    throw unsupported("addBatch");
  }

  @Override
  public void clearParameters() throws SQLException {
    throw unsupported("clearParameters");
  }

  @Override
  public java.sql.ResultSet executeQuery() throws SQLException {
    throw unsupported("executeQuery");
  }

  @Override
  public int executeUpdate() throws SQLException {
    throw unsupported("executeUpdate");
  }

  @Override
  public boolean execute() throws SQLException {
    throw unsupported("execute");
  }

  @Override
  public java.sql.ResultSetMetaData getMetaData() throws SQLException {
    throw unsupported("getMetaData");
  }

  @Override
  public java.sql.ParameterMetaData getParameterMetaData() throws SQLException {
    throw unsupported("getParameterMetaData");
  }

  @Override
  public void setArray(int a0, java.sql.Array a1) throws SQLException {
    throw unsupported("setArray");
  }

  @Override
  public void setAsciiStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setAsciiStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setAsciiStream(int a0, java.io.InputStream a1) throws SQLException {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setBigDecimal(int a0, java.math.BigDecimal a1) throws SQLException {
    throw unsupported("setBigDecimal");
  }

  @Override
  public void setBinaryStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setBinaryStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setBinaryStream(int a0, java.io.InputStream a1) throws SQLException {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setBlob(int a0, java.io.InputStream a1, long a2) throws SQLException {
    throw unsupported("setBlob");
  }

  @Override
  public void setBlob(int a0, java.io.InputStream a1) throws SQLException {
    throw unsupported("setBlob");
  }

  @Override
  public void setBlob(int a0, java.sql.Blob a1) throws SQLException {
    throw unsupported("setBlob");
  }

  @Override
  public void setBoolean(int a0, boolean a1) throws SQLException {
    throw unsupported("setBoolean");
  }

  @Override
  public void setByte(int a0, byte a1) throws SQLException {
    throw unsupported("setByte");
  }

  @Override
  public void setBytes(int a0, byte[] a1) throws SQLException {
    throw unsupported("setBytes");
  }

  @Override
  public void setCharacterStream(int a0, java.io.Reader a1, int a2) throws SQLException {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setCharacterStream(int a0, java.io.Reader a1) throws SQLException {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setClob(int a0, java.io.Reader a1, long a2) throws SQLException {
    throw unsupported("setClob");
  }

  @Override
  public void setClob(int a0, java.io.Reader a1) throws SQLException {
    throw unsupported("setClob");
  }

  @Override
  public void setClob(int a0, java.sql.Clob a1) throws SQLException {
    throw unsupported("setClob");
  }

  @Override
  public void setDate(int a0, java.sql.Date a1, java.util.Calendar a2) throws SQLException {
    throw unsupported("setDate");
  }

  @Override
  public void setDate(int a0, java.sql.Date a1) throws SQLException {
    throw unsupported("setDate");
  }

  @Override
  public void setDouble(int a0, double a1) throws SQLException {
    throw unsupported("setDouble");
  }

  @Override
  public void setFloat(int a0, float a1) throws SQLException {
    throw unsupported("setFloat");
  }

  @Override
  public void setInt(int a0, int a1) throws SQLException {
    throw unsupported("setInt");
  }

  @Override
  public void setLong(int a0, long a1) throws SQLException {
    throw unsupported("setLong");
  }

  @Override
  public void setNCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
    throw unsupported("setNCharacterStream");
  }

  @Override
  public void setNCharacterStream(int a0, java.io.Reader a1) throws SQLException {
    throw unsupported("setNCharacterStream");
  }

  @Override
  public void setNClob(int a0, java.io.Reader a1, long a2) throws SQLException {
    throw unsupported("setNClob");
  }

  @Override
  public void setNClob(int a0, java.io.Reader a1) throws SQLException {
    throw unsupported("setNClob");
  }

  @Override
  public void setNClob(int a0, java.sql.NClob a1) throws SQLException {
    throw unsupported("setNClob");
  }

  @Override
  public void setNString(int a0, String a1) throws SQLException {
    throw unsupported("setNString");
  }

  @Override
  public void setNull(int a0, int a1, String a2) throws SQLException {
    throw unsupported("setNull");
  }

  @Override
  public void setNull(int a0, int a1) throws SQLException {
    throw unsupported("setNull");
  }

  @Override
  public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
    throw unsupported("setObject");
  }

  @Override
  public void setObject(int a0, Object a1, int a2) throws SQLException {
    throw unsupported("setObject");
  }

  @Override
  public void setObject(int a0, Object a1) throws SQLException {
    throw unsupported("setObject");
  }

  @Override
  public void setRef(int a0, java.sql.Ref a1) throws SQLException {
    throw unsupported("setRef");
  }

  @Override
  public void setRowId(int a0, java.sql.RowId a1) throws SQLException {
    throw unsupported("setRowId");
  }

  @Override
  public void setSQLXML(int a0, java.sql.SQLXML a1) throws SQLException {
    throw unsupported("setSQLXML");
  }

  @Override
  public void setShort(int a0, short a1) throws SQLException {
    throw unsupported("setShort");
  }

  @Override
  public void setString(int a0, String a1) throws SQLException {
    throw unsupported("setString");
  }

  @Override
  public void setTime(int a0, java.sql.Time a1, java.util.Calendar a2) throws SQLException {
    throw unsupported("setTime");
  }

  @Override
  public void setTime(int a0, java.sql.Time a1) throws SQLException {
    throw unsupported("setTime");
  }

  @Override
  public void setTimestamp(int a0, java.sql.Timestamp a1, java.util.Calendar a2)
      throws SQLException {
    throw unsupported("setTimestamp");
  }

  @Override
  public void setTimestamp(int a0, java.sql.Timestamp a1) throws SQLException {
    throw unsupported("setTimestamp");
  }

  @Override
  public void setURL(int a0, java.net.URL a1) throws SQLException {
    throw unsupported("setURL");
  }

  @Override
  public void setUnicodeStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
    throw unsupported("setUnicodeStream");
  }
}
