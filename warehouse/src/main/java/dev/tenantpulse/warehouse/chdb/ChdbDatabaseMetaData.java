package dev.tenantpulse.warehouse.chdb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * What the embedded engine is and holds. Schemas are ClickHouse databases; tables and columns come
 * from {@code system.tables} and {@code system.columns}, so tools can browse the warehouse.
 */
final class ChdbDatabaseMetaData extends UnsupportedDatabaseMetaData {

  private final ChdbConnection connection;

  ChdbDatabaseMetaData(ChdbConnection connection) {
    this.connection = connection;
  }

  private ResultSet query(String sql, Object... args) throws SQLException {
    PreparedStatement s = connection.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
    return s.executeQuery();
  }

  private static String like(String pattern) {
    return pattern == null ? "%" : pattern;
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return getSchemas(null, null);
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return query(
        "SELECT name AS TABLE_SCHEM, CAST(NULL AS Nullable(String)) AS TABLE_CATALOG"
            + " FROM system.databases WHERE name LIKE ? ORDER BY name",
        like(schemaPattern));
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return query("SELECT '' AS TABLE_CAT WHERE 0");
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    return query("SELECT arrayJoin(['TABLE', 'VIEW']) AS TABLE_TYPE");
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tablePattern, String[] t)
      throws SQLException {
    return query(
        "SELECT CAST(NULL AS Nullable(String)) AS TABLE_CAT, database AS TABLE_SCHEM,"
            + " name AS TABLE_NAME, if(engine LIKE '%View', 'VIEW', 'TABLE') AS TABLE_TYPE,"
            + " comment AS REMARKS FROM system.tables"
            + " WHERE database LIKE ? AND name LIKE ? ORDER BY database, name",
        like(schemaPattern), like(tablePattern));
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tablePattern, String col)
      throws SQLException {
    return query(
        "SELECT CAST(NULL AS Nullable(String)) AS TABLE_CAT, database AS TABLE_SCHEM,"
            + " table AS TABLE_NAME, name AS COLUMN_NAME, type AS TYPE_NAME,"
            + " position AS ORDINAL_POSITION, comment AS REMARKS,"
            + " if(type LIKE 'Nullable(%', 'YES', 'NO') AS IS_NULLABLE,"
            + " default_expression AS COLUMN_DEF FROM system.columns"
            + " WHERE database LIKE ? AND table LIKE ? AND name LIKE ?"
            + " ORDER BY database, table, position",
        like(schemaPattern), like(tablePattern), like(col));
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public String getURL() {
    return connection.url();
  }

  @Override
  public String getUserName() {
    return "default";
  }

  @Override
  public boolean isReadOnly() {
    return connection.isReadOnly();
  }

  @Override
  public String getDatabaseProductName() {
    return "ClickHouse";
  }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    try (ResultSet rs = query("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return Integer.parseInt(getDatabaseProductVersion().split("\\.")[0]);
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return Integer.parseInt(getDatabaseProductVersion().split("\\.")[1]);
  }

  @Override
  public String getDriverName() {
    return "Tenant Pulse jdbc:chdb (chDB " + ChdbLibrary.VERSION + ")";
  }

  @Override
  public String getDriverVersion() {
    return ChdbDriver.MAJOR + "." + ChdbDriver.MINOR;
  }

  @Override
  public int getDriverMajorVersion() {
    return ChdbDriver.MAJOR;
  }

  @Override
  public int getDriverMinorVersion() {
    return ChdbDriver.MINOR;
  }

  @Override
  public int getJDBCMajorVersion() {
    return 4;
  }

  @Override
  public int getJDBCMinorVersion() {
    return 3;
  }

  @Override
  public String getIdentifierQuoteString() {
    return "`";
  }

  @Override
  public String getSchemaTerm() {
    return "database";
  }

  @Override
  public String getCatalogTerm() {
    return "catalog";
  }

  @Override
  public String getCatalogSeparator() {
    return ".";
  }

  @Override
  public String getSearchStringEscape() {
    return "\\";
  }

  @Override
  public String getSQLKeywords() {
    return "";
  }

  @Override
  public String getExtraNameCharacters() {
    return "";
  }

  @Override
  public boolean supportsTransactions() {
    return false;
  }

  @Override
  public int getDefaultTransactionIsolation() {
    return Connection.TRANSACTION_NONE;
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) {
    return level == Connection.TRANSACTION_NONE;
  }

  @Override
  public boolean supportsBatchUpdates() {
    return true;
  }

  @Override
  public boolean supportsSchemasInDataManipulation() {
    return true;
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() {
    return true;
  }

  @Override
  public boolean supportsGetGeneratedKeys() {
    return false;
  }

  @Override
  public boolean supportsResultSetType(int type) {
    return type == ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) {
    return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public boolean supportsMultipleResultSets() {
    return false;
  }

  @Override
  public boolean nullsAreSortedAtEnd() {
    return true; // ClickHouse's default NULLS LAST
  }

  @Override
  public boolean storesMixedCaseIdentifiers() {
    return true;
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() {
    return true;
  }

  @Override
  public RowIdLifetime getRowIdLifetime() {
    return RowIdLifetime.ROWID_UNSUPPORTED;
  }

  @Override
  public int getResultSetHoldability() {
    return ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public int getMaxConnections() {
    return 0;
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface);
  }
}
